#include "pdf/table.hpp"

#include <algorithm>
#include <deque>
#include <cmath>
#include <limits>
#include <numeric>

namespace bp::pdf {

namespace {

TextStyle cell_style(const Table& t, const Cell& c, bool header, RowKind kind) {
    TextStyle s = header ? t.header_text : t.text;
    if (c.bold || kind != RowKind::body) s.font = FontStyle::bold;
    return s;
}

// Widest line when text breaks only at '\n', and the widest word.
std::pair<double, double> text_extent(const Measure& m, std::string_view text, const TextStyle& s) {
    double natural = 0, word = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        const double line_width = m.width(line, s.font, s.size);
        natural = std::max(natural, line_width);
        if (line.find(' ') == std::string_view::npos) {  // one word (most cells): measured once
            if (!line.empty()) word = std::max(word, line_width);
            start = end + 1;
            continue;
        }
        for (std::size_t i = 0; i < line.size();) {
            std::size_t j = std::min(line.find(' ', i), line.size());
            if (j > i) word = std::max(word, m.width(line.substr(i, j - i), s.font, s.size));
            i = j + 1;
        }
        start = end + 1;
    }
    return {natural, word};
}

// A note's lines: broken after hyphens as well as at spaces (a file name has
// no spaces), and only then a piece too wide for the column split anywhere.
std::vector<std::string> wrap_note(const Measure& m, std::string_view note, const TextStyle& style, double width) {
    std::vector<std::string> pieces_joined;
    std::string line;
    for (std::size_t i = 0; i < note.size();) {
        std::size_t j = note.find_first_of("- ", i);
        j = j == std::string_view::npos ? note.size() : j + 1;
        std::string_view piece = note.substr(i, j - i);
        i = j;
        if (!line.empty() && m.width(line + std::string(piece), style.font, style.size) > width + 0.01) {
            pieces_joined.push_back(std::move(line));
            line.clear();
        }
        line += piece;
    }
    if (!line.empty()) pieces_joined.push_back(std::move(line));
    std::vector<std::string> out;
    for (const auto& l : pieces_joined)
        for (auto& w : wrap_text(m, l, style, width)) out.push_back(std::move(w));
    return out;
}

struct CellLayout {
    double x = 0, w = 0;
    std::vector<std::string> lines;
    TextStyle style;
    std::vector<std::string> note;  // drawn under `lines`
};

struct RowLayout {
    const Row* row = nullptr;
    bool header = false;
    double height = 0;
    std::vector<CellLayout> cells;
    bool first_part = true;  // false: the rest of a row split over pages (its graphics are on the first part)
};

// A row with every line of every cell: nothing is cut (split_row puts a row
// taller than a page over several).
RowLayout lay_row(const Table& t, const Row& row, bool header, const std::vector<double>& widths, const Measure& m) {
    RowLayout out{&row, header, 0, {}};
    std::vector<double> xs(widths.size() + 1, 0);
    std::partial_sum(widths.begin(), widths.end(), xs.begin() + 1);
    double inner_h = 0;
    std::size_t col = 0;
    for (const auto& c : row.cells) {
        std::size_t end = std::min(widths.size(), col + static_cast<std::size_t>(std::max(1, c.span)));
        CellLayout cl{xs[col], xs[end] - xs[col], {}, cell_style(t, c, header, row.kind), {}};
        cl.lines = wrap_text(m, c.text, cl.style, cl.w - 2 * t.padding);
        if (!header && !c.note.empty()) cl.note = wrap_note(m, c.note, cl.style, cl.w - 2 * t.padding);
        double lh = cl.style.line_height();
        inner_h = std::max({inner_h, static_cast<double>(cl.lines.size() + cl.note.size()) * lh,
                            c.graphic ? c.graphic_height : 0.0});
        out.cells.push_back(std::move(cl));
        col = end;
    }
    out.height = inner_h + (row.continues ? 1 : 2) * t.padding;  // no gap above its continuation but the padding
    return out;
}

// A row cut between lines into parts no taller than `first_height` (the
// first) and `height` (the rest), each cell carrying on where it stopped.
std::vector<RowLayout> split_row(const Table& t, const RowLayout& rl, double first_height, double height) {
    if (rl.height <= first_height + 0.01) return {rl};
    std::vector<RowLayout> parts;
    std::vector<std::size_t> done(rl.cells.size(), 0);
    for (bool more = true; more;) {
        const double room = (parts.empty() ? first_height : height) - 2 * t.padding;
        RowLayout part{rl.row, rl.header, 0, {}, parts.empty()};
        double inner = 0;
        more = false;
        for (std::size_t i = 0; i < rl.cells.size(); ++i) {
            const CellLayout& cl = rl.cells[i];
            const double lh = cl.style.line_height();
            const std::size_t total = cl.lines.size() + cl.note.size();
            const auto fit = static_cast<std::size_t>(std::max(1.0, std::floor((room + 0.01) / lh)));
            const std::size_t take = std::min(fit, total - done[i]);
            CellLayout piece{cl.x, cl.w, {}, cl.style, {}};
            for (std::size_t k = done[i]; k < done[i] + take; ++k)
                k < cl.lines.size() ? piece.lines.push_back(cl.lines[k]) : piece.note.push_back(cl.note[k - cl.lines.size()]);
            done[i] += take;
            more = more || done[i] < total;
            const Cell& c = rl.row->cells[i];
            inner = std::max({inner, static_cast<double>(take) * lh, parts.empty() && c.graphic ? c.graphic_height : 0.0});
            part.cells.push_back(std::move(piece));
        }
        part.height = inner + 2 * t.padding;
        parts.push_back(std::move(part));
    }
    return parts;
}

// A row's structure elements: its TR and a TH or TD per cell.
struct RowTags {
    StructId tr = k_artifact;
    std::vector<StructId> cells;
};

RowTags make_row_tags(Flow& flow, const Table& t, StructId parent, const Row& row, bool header) {
    RowTags out;
    Tagged tr(flow, parent);
    out.tr = flow.open(Role::tr);
    std::size_t col = 0;
    for (const auto& c : row.cells) {
        const bool th = header || (col < t.columns.size() && t.columns[col].row_header && row.kind == RowKind::body);
        StructId id = flow.open(th ? Role::th : Role::td);
        flow.close();
        if (id != k_artifact) {
            if (th) flow.structure()[id].scope = header ? Scope::column : Scope::row;
            flow.structure()[id].col_span = std::max(1, c.span);
            if (c.graphic && c.alt.empty()) flow.structure().set_actual_text(id, c.actual_text);
        }
        out.cells.push_back(id);
        col += static_cast<std::size_t>(std::max(1, c.span));
    }
    flow.close();
    return out;
}

// Adds decoration (fills, rules): an artifact.
void add_artifact(Flow& flow, Op op) {
    Tagged a(flow, k_artifact);
    flow.add(std::move(op));
}

// `tags` null: the row is a repeat (a header on a later page, a continued group row), an artifact.
void draw_row(Flow& flow, const Table& t, const RowLayout& rl, bool last_header_row, const RowTags* tags) {
    const double x0 = flow.left(), y = flow.y(), h = rl.height;
    const double full = rl.cells.empty() ? 0 : rl.cells.back().x + rl.cells.back().w;
    const RowKind kind = rl.row->kind;
    if (kind == RowKind::group) add_artifact(flow, RectOp{{x0, y, full, h}, t.group_fill, std::nullopt});
    for (std::size_t i = 0; i < rl.cells.size(); ++i) {
        const Cell& c = rl.row->cells[i];
        const CellLayout& cl = rl.cells[i];
        const Box box{x0 + cl.x, y, cl.w, h};
        std::optional<Color> fill = c.fill;
        if (rl.header && !fill) fill = t.header_fill;
        if (fill) add_artifact(flow, RectOp{box, fill, std::nullopt});
        Tagged cell(flow, tags && i < tags->cells.size() ? tags->cells[i] : k_artifact);
        TextStyle style = cl.style;
        style.color = c.color ? *c.color : fill && rl.header ? text_on(*fill) : style.color;
        double text_h = static_cast<double>(cl.lines.size()) * style.line_height();
        // Header text sits on the bottom of its row, as spreadsheet headers do.
        double top = rl.header ? y + h - t.padding - text_h : y + t.padding;
        draw_lines(flow, cl.lines, style, box.x + t.padding, box.w - 2 * t.padding, top, c.align);
        if (!cl.note.empty()) {
            style.color = t.note;
            draw_lines(flow, cl.note, style, box.x + t.padding, box.w - 2 * t.padding, top + text_h, c.align);
        }
        if (c.graphic && rl.first_part) {
            // A Figure in the cell, or the cell's own content (read as its actual text), or decoration.
            Tagged figure = !c.alt.empty()           ? Tagged(flow, Role::figure, c.alt)
                            : !c.actual_text.empty() ? Tagged(flow, flow.current())
                                                     : Tagged(flow, Role::artifact);
            std::vector<Op> ops;
            // Level with the first line of text in the row (centred in a header).
            double gh = std::min(c.graphic_height, h - 2 * t.padding);
            double lh = t.text.line_height();
            double gy = rl.header ? y + (h - gh) / 2 : y + t.padding + std::max(0.0, (lh - gh) / 2);
            c.graphic(ops, Box{box.x + t.padding, gy, box.w - 2 * t.padding, gh});
            for (auto& op : ops) flow.add(std::move(op));
        }
        if (rl.header && i > 0)  // white separators between header cells
            add_artifact(flow, LineOp{{{box.x, y}, {box.x, y + h}}, Color{1, 1, 1}, 0.75});
        if (rl.header && !last_header_row && c.span > 1)
            add_artifact(flow, LineOp{{{box.x, y + h}, {box.x + box.w, y + h}}, Color{1, 1, 1}, 0.75});
    }
    if (kind == RowKind::total)
        add_artifact(flow, LineOp{{{x0, y}, {x0 + full, y}}, Color{0.2, 0.2, 0.2}, 1.0});
    if (!rl.header && !rl.row->continues)
        add_artifact(flow, LineOp{{{x0, y + h}, {x0 + full, y + h}}, t.rule, 0.5});
    flow.advance(h);
}

}  // namespace

std::vector<double> column_widths(const Table& t, const Measure& m, double available) {
    // Widths per column: `head` holds its header's longest word (never
    // split), `lo` its longest word too (its widest cell when it does not
    // wrap), `mid` its body cells unwrapped, `hi` its headers unwrapped too.
    // Space goes to body text first, then headers.
    const std::size_t n = t.columns.size();
    std::vector<double> head(n, 0), lo(n, 0), mid(n, 0), hi(n, 0);
    auto visit = [&](const Row& row, bool header) {
        std::size_t col = 0;
        for (const auto& c : row.cells) {
            if (col >= n) break;
            if (c.span <= 1) {
                auto [natural, word] = text_extent(m, c.text, cell_style(t, c, header, row.kind));
                natural = std::max(natural, c.graphic ? c.graphic_width : 0.0) + 2 * t.padding;
                word = std::max(word, c.graphic ? c.graphic_width : 0.0) + 2 * t.padding;
                bool wrap = t.columns[col].wrap || header;
                if (header) head[col] = std::max(head[col], word);
                lo[col] = std::max(lo[col], wrap ? word : natural);
                (header ? hi : mid)[col] = std::max((header ? hi : mid)[col], natural);
            }
            col += static_cast<std::size_t>(std::max(1, c.span));
        }
    };
    for (const auto& r : t.header) visit(r, true);
    for (const auto& r : t.rows) visit(r, false);
    for (std::size_t c = 0; c < n; ++c) {
        // A set width still holds the header's longest word.
        if (t.columns[c].fixed) {
            head[c] = std::max(*t.columns[c].fixed, head[c]);
            lo[c] = mid[c] = hi[c] = std::max(*t.columns[c].fixed, lo[c]);
        }
        mid[c] = std::max(mid[c], lo[c]);
        hi[c] = std::max(hi[c], mid[c]);
    }
    auto sum = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); };
    if (sum(lo) > available && sum(head) < available) {
        // The longest body words (a URL, a path) give way, down to one level,
        // and break inside their columns: the others keep their words whole,
        // with some room left to grow (never squeezed to "R/e/f").
        const double target = std::max(sum(head), 0.85 * available);
        auto capped = [&](double level) {
            std::vector<double> w(n);
            for (std::size_t c = 0; c < n; ++c) w[c] = std::max(head[c], std::min(lo[c], level));
            return w;
        };
        double low = 0, high = *std::max_element(lo.begin(), lo.end());
        for (int i = 0; i < 40; ++i) {
            double level = (low + high) / 2;
            (sum(capped(level)) > target ? high : low) = level;
        }
        lo = capped(low);
        for (std::size_t c = 0; c < n; ++c) {
            mid[c] = std::max(mid[c], lo[c]);
            hi[c] = std::max(hi[c], mid[c]);
        }
    }
    if (sum(head) >= available) {  // too narrow even for the headers: scaled down
        double scale = available / sum(head);
        for (auto& w : head) w *= scale;
        return head;
    }
    if (sum(lo) >= available) {  // headers whole; long body words break inside
        double k = (available - sum(head)) / (sum(lo) - sum(head));
        std::vector<double> w(n);
        for (std::size_t c = 0; c < n; ++c) w[c] = head[c] + (lo[c] - head[c]) * k;
        return w;
    }
    // Grow from `from` towards `to` in proportion to what each column wants.
    auto grow = [&](const std::vector<double>& from, const std::vector<double>& to) {
        double room = available - sum(from), want = sum(to) - sum(from);
        std::vector<double> w(n);
        for (std::size_t c = 0; c < n; ++c) w[c] = from[c] + (to[c] - from[c]) * room / want;
        return w;
    };
    if (sum(mid) >= available) return grow(lo, mid);
    if (sum(hi) >= available) return grow(mid, hi);
    // Everything fits unwrapped: share what is left among the text columns.
    double spare = available - sum(hi), weight = 0;
    for (std::size_t c = 0; c < n; ++c)
        if (!t.columns[c].fixed) weight += hi[c];
    std::vector<double> w = hi;
    for (std::size_t c = 0; c < n; ++c)
        if (!t.columns[c].fixed && weight > 0) w[c] += spare * hi[c] / weight;
    if (weight <= 0 && n > 0) w.back() += spare;
    return w;
}

TablePages paginate_rows(const std::vector<RowSpec>& rows, double header_height, double first_space,
                         double page_space, std::size_t min_rows) {
    TablePages out;
    const std::size_t n = rows.size();
    bool first = true;
    std::size_t i = 0;
    for (;;) {
        double avail = (first ? first_space : page_space) - header_height - (i < n ? rows[i].continued_height : 0);
        std::size_t j = i;
        double used = 0;
        while (j < n && used + rows[j].height <= avail + 0.01) used += rows[j++].height;
        if (j < n && !rows[j].rest_of_row) {
            if (n - j < min_rows && n >= i + 2 * min_rows) j = n - min_rows;  // no widowed rows
            while (j > i + 1 && rows[j - 1].keep_with_next) --j;              // no group row at a page foot
            // A group row keeps `min_rows` rows of its own under it (or all it has).
            for (std::size_t k = j; k-- > i + 1 && k + min_rows >= j;) {
                if (!rows[k].group) continue;
                std::size_t own = 0;
                while (k + 1 + own < n && !rows[k + 1 + own].group) ++own;
                if (j - k - 1 < std::min(min_rows, own)) j = k;
                break;
            }
        }
        bool too_little =
            n == 0 ? avail < 0 : j == i || (j < n && !rows[j].rest_of_row && j - i < std::min(min_rows, n - i));
        if (first && too_little && first_space < page_space - 0.01) {
            out.new_page_first = true;  // start the table on the next page instead
            first = false;
            continue;
        }
        if (j == i && i < n) j = i + 1;  // a row taller than the page still goes somewhere
        out.starts.push_back(i);
        first = false;
        i = j;
        if (i >= n) break;
    }
    return out;
}

namespace {

// Rows of a split row's first part that must fit where the table starts
// (else it starts on the next page).
constexpr std::size_t k_first_part_lines = 5;

// Height of the header and the first `rows` body rows (group rows not
// counted), laid out until it passes `stop_above`; a row is counted as at
// most `row_cap` points.
double lead_height(const Table& t, const Measure& m, double width, std::size_t rows, double stop_above,
                   double row_cap, const std::vector<double>* given) {
    const std::vector<double> widths = given ? *given : column_widths(t, m, width);
    double h = 0;
    for (const auto& r : t.header) h += lay_row(t, r, true, widths, m).height;
    for (std::size_t i = 0, counted = 0; counted < rows && i < t.rows.size() && h <= stop_above; ++i) {
        h += std::min(row_cap, lay_row(t, t.rows[i], false, widths, m).height);
        if (t.rows[i].kind != RowKind::group) ++counted;
    }
    return h;
}

}  // namespace

double table_lead_height(const Table& t, const Measure& m, double width, std::size_t rows,
                         const std::vector<double>* widths) {
    // A row that will split only needs its first part kept with a heading.
    return lead_height(t, m, width, rows, std::numeric_limits<double>::infinity(),
                       2 * t.padding + static_cast<double>(k_first_part_lines) * t.text.line_height(), widths);
}

bool table_fits(const Table& t, const Measure& m, double width, double height) {
    return lead_height(t, m, width, t.rows.size(), height, std::numeric_limits<double>::infinity(), nullptr) <= height;
}

void place_table(Flow& flow, const Table& t, double space_after, const std::vector<double>* given) {
    const Measure& m = flow.measure();
    const std::vector<double> widths = given ? *given : column_widths(t, m, flow.width());
    std::vector<RowLayout> header;
    double header_h = 0;
    for (const auto& r : t.header) {
        header.push_back(lay_row(t, r, true, widths, m));
        header_h += header.back().height;
    }
    // A page that starts inside a group repeats the group's row, marked continued.
    std::vector<Row> continued(t.rows.size());
    std::vector<RowLayout> full, continued_layout(t.rows.size());
    std::vector<double> continued_h(t.rows.size(), 0);
    std::size_t group = t.rows.size();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const Row& r = t.rows[i];
        if (r.kind == RowKind::group) {
            group = i;
            continued[i] = r;
            if (!continued[i].cells.empty()) continued[i].cells[0].text += " (continued)";
            continued_layout[i] = lay_row(t, continued[i], false, widths, m);
        } else if (group < t.rows.size()) {
            continued_h[i] = continued_layout[group].height;
        }
        full.push_back(lay_row(t, r, false, widths, m));
    }
    // A row taller than a page goes on in parts: page-sized, but the first
    // fills the room left where the row starts when that holds a few lines.
    const double few_lines = 2 * t.padding + k_first_part_lines * t.text.line_height();
    std::vector<double> first_room(t.rows.size(), 0);  // 0: a page's
    if (flow.space() - header_h >= few_lines) first_room.assign(t.rows.empty() ? 0 : 1, flow.space() - header_h);
    first_room.resize(t.rows.size(), 0);
    // Each body part: a row's own layout, or one of the parts a tall row was split into (kept in
    // `split`, a deque: its elements stay put). Rows are not copied: a long table's rows each
    // hold every line of their cells.
    std::vector<const RowLayout*> body;
    std::deque<RowLayout> split;
    std::vector<std::size_t> source;  // t.rows index of each body part
    std::vector<RowSpec> specs;
    TablePages pages;
    for (;;) {
        body.clear(), split.clear(), source.clear(), specs.clear();
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const Row& r = t.rows[i];
            const double page_h = flow.page_space() - header_h - continued_h[i];
            const double first_h = first_room[i] > 0 ? std::min(first_room[i], page_h) : page_h;
            std::size_t parts = 1;
            if (full[i].height <= first_h + 0.01) {
                body.push_back(&full[i]);
            } else {
                auto pieces = split_row(t, full[i], first_h, page_h);
                parts = pieces.size();
                for (auto& piece : pieces) body.push_back(&split.emplace_back(std::move(piece)));
            }
            for (std::size_t p = 0; p < parts; ++p) {
                const RowLayout& part = *body[body.size() - parts + p];
                bool last = p + 1 == parts;
                specs.push_back(RowSpec{part.height, last && (r.kind == RowKind::group || r.continues),
                                        r.kind == RowKind::group ? 0 : continued_h[i], r.kind == RowKind::group, p > 0});
                source.push_back(i);
            }
        }
        pages = paginate_rows(specs, header_h, flow.space(), flow.page_space(), t.min_rows);
        // A split row that opens a page while the page before has room for a
        // few of its lines: start it there, and paginate again.
        bool again = false;
        for (std::size_t p = 1; p < pages.starts.size() && !again; ++p) {
            const std::size_t s = pages.starts[p], i = source[s];
            if (specs[s].rest_of_row || s + 1 >= specs.size() || !specs[s + 1].rest_of_row || first_room[i] > 0) continue;
            const bool first_page = p == 1 && !pages.new_page_first;
            double room = (first_page ? flow.space() : flow.page_space()) - header_h -
                          specs[pages.starts[p - 1]].continued_height;
            for (std::size_t k = pages.starts[p - 1]; k < s; ++k) room -= specs[k].height;
            if (room >= few_lines) first_room[i] = room, again = true;
        }
        if (!again) break;
    }
    auto group_of = [&](std::size_t row) {
        for (std::size_t g = row + 1; g-- > 0;)
            if (t.rows[g].kind == RowKind::group) return g;
        return t.rows.size();
    };
    // The structure, in reading order: the header once, then every row.
    Tagged table_tag(flow, Role::table);
    std::vector<RowTags> header_tags, row_tags;
    if (!t.header.empty()) {
        Tagged head(flow, Role::thead);
        for (const auto& r : t.header) header_tags.push_back(make_row_tags(flow, t, head.id(), r, true));
    }
    if (!t.rows.empty()) {
        Tagged rows(flow, Role::tbody);
        for (const auto& r : t.rows) row_tags.push_back(make_row_tags(flow, t, rows.id(), r, false));
    }
    if (pages.new_page_first) flow.page_break();
    for (std::size_t p = 0; p < pages.starts.size(); ++p) {
        if (p > 0) flow.page_break();
        for (std::size_t h = 0; h < header.size(); ++h)
            draw_row(flow, t, header[h], h + 1 == header.size(), p == 0 ? &header_tags[h] : nullptr);
        const std::size_t start = pages.starts[p], end = p + 1 < pages.starts.size() ? pages.starts[p + 1] : body.size();
        if (start < body.size() && specs[start].continued_height > 0)
            draw_row(flow, t, continued_layout[group_of(source[start])], false, nullptr);
        for (std::size_t r = start; r < end; ++r) draw_row(flow, t, *body[r], false, &row_tags[source[r]]);
    }
    flow.advance(space_after);
}

}  // namespace bp::pdf
