#include "pdf/layout.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace bp::pdf {

namespace {

// Length in bytes of the character at text[i] (1 for a stray byte).
std::size_t char_length(std::string_view text, std::size_t i) {
    return std::max<std::size_t>(decode_utf8(text, i).length, 1);
}

// Where a long unbroken word (a URL, a file path, a reference) reads best
// broken: after one of these.
bool break_after(char c) { return c == '/' || c == '.' || c == '-' || c == '_' || c == '?' || c == '&' || c == '=' || c == '\\'; }

// Splits a word wider than `max_width` into pieces that fit: after the last
// break_after character of each piece when that keeps the line at least a
// third full, else between any two characters.
void split_word(const Measure& m, std::string_view word, const TextStyle& style, double max_width,
                std::vector<std::string>& lines) {
    std::string piece;
    std::size_t soft = 0;  // bytes of `piece` up to its last break point (0: none)
    for (std::size_t i = 0; i < word.size();) {
        std::size_t n = char_length(word, i);
        std::string next = piece + std::string(word.substr(i, n));
        if (!piece.empty() && m.width(next, style.font, style.size) > max_width) {
            if (soft > 0 && m.width(std::string_view(piece).substr(0, soft), style.font, style.size) >= max_width / 3) {
                lines.push_back(piece.substr(0, soft));
                piece.erase(0, soft);
            } else {
                lines.push_back(std::move(piece));
                piece.clear();
            }
            soft = 0;
            for (std::size_t k = 0; k < piece.size(); ++k)
                if (break_after(piece[k])) soft = k + 1;
            continue;  // the same character again, on the new line
        }
        piece = std::move(next);
        if (n == 1 && break_after(word[i])) soft = piece.size();
        i += n;
    }
    if (!piece.empty()) lines.push_back(piece);
}

}  // namespace

std::optional<Color> parse_color(std::string_view text) {
    if (!text.empty() && text.front() == '#') text.remove_prefix(1);
    if (text.size() != 6) return std::nullopt;
    int v[6];
    for (std::size_t i = 0; i < 6; ++i)
        if ((v[i] = hex_digit(text[i])) < 0) return std::nullopt;
    return Color{(v[0] * 16 + v[1]) / 255.0, (v[2] * 16 + v[3]) / 255.0, (v[4] * 16 + v[5]) / 255.0};
}

Color text_on(Color fill) {
    // WCAG relative luminance; pick the text colour with the higher contrast ratio.
    auto lin = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    double l = 0.2126 * lin(fill.r) + 0.7152 * lin(fill.g) + 0.0722 * lin(fill.b);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? Color{0, 0, 0} : Color{1, 1, 1};
}

Color lighten(Color c, double amount) {
    return Color{c.r + (1 - c.r) * amount, c.g + (1 - c.g) * amount, c.b + (1 - c.b) * amount};
}

namespace {
constexpr std::size_t k_ops_a_page = 256;

bool already_clean(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char ch) {
        auto c = static_cast<unsigned char>(ch);
        return (c >= 0x20 && c < 0x7F) || c == '\n';
    });
}

// clean_text's result as a view: of `text` itself when it is already clean (nearly all report
// text is printable ASCII), else of `storage`. Measuring needs no copy.
std::string_view clean_view(std::string_view text, std::string& storage) {
    if (already_clean(text)) return text;
    storage = clean_text(text);
    return storage;
}
}  // namespace

std::string clean_text(std::string_view text) {
    // Nearly all report text is printable ASCII and comes back as it is (a line is cleaned when
    // wrapped and again when drawn): no decoding then.
    if (already_clean(text)) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        Utf8Char u = decode_utf8(text, i);
        char32_t cp = u.length == 0 ? 0xFFFD : u.cp;  // other planes kept: the document draws what it cannot as U+FFFD
        i += std::max<std::size_t>(u.length, 1);
        if (cp == '\t') cp = ' ';
        if ((cp < 0x20 && cp != '\n') || cp == 0x7F) continue;
        append_utf8(out, cp);
    }
    return out;
}

std::vector<std::string> wrap_text(const Measure& m, std::string_view raw, const TextStyle& style, double max_width) {
    max_width += 0.01;  // a column sized to its longest word must still hold it after rounding
    std::string cleaned;
    const std::string_view text = clean_view(raw, cleaned);
    std::vector<std::string> lines;
    const double space = m.width(" ", style.font, style.size);
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view para = text.substr(start, end - start);
        std::string line;
        double line_width = 0;
        bool any_word = false;
        for (std::size_t i = 0; i < para.size();) {
            if (para[i] == ' ') {
                ++i;
                continue;
            }
            std::size_t j = para.find(' ', i);
            if (j == std::string_view::npos) j = para.size();
            std::string_view word = para.substr(i, j - i);
            i = j;
            any_word = true;
            double w = m.width(word, style.font, style.size);
            if (!line.empty() && line_width + space + w <= max_width) {
                line += ' ';
                line += word;
                line_width += space + w;
                continue;
            }
            if (!line.empty()) lines.push_back(std::move(line));
            line.clear();
            line_width = 0;
            if (w <= max_width) {
                line = std::string(word);
                line_width = w;
            } else {
                split_word(m, word, style, max_width, lines);
                line = std::move(lines.back());
                lines.pop_back();
                line_width = m.width(line, style.font, style.size);
            }
        }
        if (!line.empty()) lines.push_back(std::move(line));
        else if (!any_word && end < text.size() && !lines.empty()) lines.emplace_back();  // a blank line kept inside text
        start = end + 1;
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    return lines;
}

std::string fit_text(const Measure& m, std::string_view raw, const TextStyle& style, double max_width) {
    max_width += 0.01;  // as in wrap_text: a text measured to fit must fit
    std::string cleaned;
    const std::string_view text = clean_view(raw, cleaned);
    if (m.width(text, style.font, style.size) <= max_width) return std::string(text);
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < text.size(); i += char_length(text, i)) starts.push_back(i);
    while (!starts.empty()) {
        std::string cut = std::string(text.substr(0, starts.back())) + "…";
        starts.pop_back();
        if (m.width(cut, style.font, style.size) <= max_width) return cut;
    }
    return "…";
}

Flow::Flow(const Measure& measure, Margins margins) : m_measure(measure), m_margins(margins) {}

void Flow::new_page(PageSize size, std::string section) {
    m_section = std::move(section);
    m_layout.pages.push_back(Page{size, m_section, {}});
    // A full page of a table is a few hundred operations: room for them, not a regrowth each doubling.
    m_layout.pages.back().ops.reserve(k_ops_a_page);
    m_layout.pages.back().tags.reserve(k_ops_a_page);
    m_y = m_margins.top;
}

bool Flow::at_page_top() const { return m_y <= m_margins.top + 0.01; }

double Flow::width() const {
    assert(has_page());
    return m_layout.pages.back().size.width - m_margins.left - m_margins.right;
}

double Flow::space() const {
    assert(has_page());
    return m_layout.pages.back().size.height - m_margins.bottom - m_y;
}

double Flow::page_space() const {
    assert(has_page());
    return m_layout.pages.back().size.height - m_margins.top - m_margins.bottom;
}

void Flow::ensure(double height) {
    if (height > space() + 0.01 && !at_page_top()) page_break();
}

void Flow::page_break() { new_page(m_layout.pages.back().size, m_section); }

StructId Flow::open(Role role, std::string alt) {
    StructId parent = current();
    StructId id = !m_tagging || parent == k_artifact || role == Role::artifact ? k_artifact
                                                                 : m_layout.structure.add(parent, role, std::move(alt));
    m_open.push_back(id);
    return id;
}

void Flow::add(Op op) {
    assert(has_page());
    Page& page = m_layout.pages.back();
    page.tags.resize(page.ops.size(), k_artifact);
    page.ops.push_back(std::move(op));
    page.tags.push_back(current());
}

void Flow::add_text(double x, double baseline, const TextStyle& style, std::string text) {
    if (text.empty()) return;
    add(TextOp{x, baseline, style, already_clean(text) ? std::move(text) : clean_text(text)});  // moved, not copied
}

void Flow::bookmark(std::string title) {
    m_layout.bookmarks.push_back(Bookmark{std::move(title), m_layout.pages.size() - 1, m_y});
}

Layout Flow::take() { return std::move(m_layout); }

void draw_lines(Flow& flow, const std::vector<std::string>& lines, const TextStyle& style, double x, double w,
                double top, Align align) {
    const Measure& m = flow.measure();
    double asc = m.ascent(style.font) * style.size;
    double glyphs = (m.ascent(style.font) + m.descent(style.font)) * style.size;
    double baseline = top + (style.line_height() - glyphs) / 2 + asc;
    for (const auto& line : lines) {
        double lx = x;
        if (align != Align::left) {
            double lw = m.width(line, style.font, style.size);
            lx = align == Align::center ? x + (w - lw) / 2 : x + w - lw;
        }
        flow.add_text(lx, baseline, style, line);
        baseline += style.line_height();
    }
}

double paragraph_height(const Measure& m, std::string_view text, const TextStyle& style, double width) {
    return static_cast<double>(wrap_text(m, text, style, width).size()) * style.line_height();
}

void place_paragraph(Flow& flow, std::string_view text, const TextStyle& style, double space_after) {
    auto lines = wrap_text(flow.measure(), text, style, flow.width());
    const double lh = style.line_height();
    std::size_t done = 0;
    while (done < lines.size()) {
        std::size_t left = lines.size() - done;
        auto fit = static_cast<std::size_t>(std::max(0.0, std::floor((flow.space() + 0.01) / lh)));
        std::size_t take = left;
        if (fit < left) {
            // Split only where two lines stay here and two go on; else move on whole.
            take = (left <= 3 || fit < 2) ? 0 : std::min(fit, left - 2);
            if (take == 0 && flow.at_page_top()) take = std::max<std::size_t>(fit, 1);
        }
        if (take == 0) {
            flow.page_break();
            continue;
        }
        std::vector<std::string> part(lines.begin() + static_cast<std::ptrdiff_t>(done),
                                      lines.begin() + static_cast<std::ptrdiff_t>(done + take));
        draw_lines(flow, part, style, flow.left(), flow.width(), flow.y(), Align::left);
        flow.advance(static_cast<double>(take) * lh);
        done += take;
        if (done < lines.size()) flow.page_break();
    }
    flow.advance(space_after);
}

void place_heading(Flow& flow, const std::string& text, const TextStyle& style, double space_before,
                   double keep_with_next, bool bookmark) {
    auto lines = wrap_text(flow.measure(), text, style, flow.width());
    double h = static_cast<double>(lines.size()) * style.line_height();
    double before = flow.at_page_top() ? 0 : space_before;
    flow.ensure(before + h + keep_with_next);
    if (!flow.at_page_top()) flow.advance(before);
    if (bookmark) flow.bookmark(text);
    draw_lines(flow, lines, style, flow.left(), flow.width(), flow.y(), Align::left);
    flow.advance(h);
}

void add_furniture(Layout& layout, const Furniture& f, const Measure& m, Margins margins) {
    TextStyle bold = f.style;
    bold.font = FontStyle::bold;
    const std::size_t count = layout.pages.size();
    for (std::size_t i = 0; i < count; ++i) {
        Page& page = layout.pages[i];
        const double x0 = margins.left, x1 = page.size.width - margins.right, w = x1 - x0;
        const double centre_w = m.width(f.centre, bold.font, bold.size), gap = 12;
        // The classification is centred when the sides leave room, else moved
        // towards the shorter side; the left text is cut only as a last resort.
        auto row = [&](double baseline, const std::string& left, const std::string& right) {
            std::string r = fit_text(m, right, f.style, (w - centre_w) / 2 - gap);
            double rw = m.width(r, f.style.font, f.style.size);
            double max_centre_x = x1 - rw - gap - centre_w;
            double lw = m.width(left, f.style.font, f.style.size);
            double centre_x = std::min(std::max(x0 + (w - centre_w) / 2, x0 + lw + gap), max_centre_x);
            if (f.centre.empty()) centre_x = x1 - rw;
            std::string l = fit_text(m, left, f.style, centre_x - gap - x0);
            page.ops.push_back(TextOp{x0, baseline, f.style, l});
            page.ops.push_back(TextOp{centre_x, baseline, bold, clean_text(f.centre)});
            page.ops.push_back(TextOp{x1 - rw, baseline, f.style, r});
        };
        const double head = margins.top - 26, foot = page.size.height - margins.bottom + 30;
        row(head, f.left, page.section);
        page.ops.push_back(LineOp{{{x0, head + 6}, {x1, head + 6}}, f.rule, 0.5});
        page.ops.push_back(LineOp{{{x0, foot - 11}, {x1, foot - 11}}, f.rule, 0.5});
        row(foot, f.footer, fmt::format("Page {} of {}", i + 1, count));
    }
    // Empty texts (an unset classification, say) draw nothing; each op keeps its tag.
    for (auto& page : layout.pages) {
        std::size_t kept = 0, tagged = 0;
        for (std::size_t i = 0; i < page.ops.size(); ++i) {
            const auto* t = std::get_if<TextOp>(&page.ops[i]);
            if (t && t->text.empty()) continue;
            if (i < page.tags.size()) page.tags[tagged++] = page.tags[i];
            if (kept != i) page.ops[kept] = std::move(page.ops[i]);  // not onto itself: that empties it
            ++kept;
        }
        page.tags.resize(tagged);
        page.ops.resize(kept);
    }
}

}  // namespace bp::pdf
