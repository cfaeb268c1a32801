#include "read/sheet_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <unordered_map>

#include "read/formula.hpp"
#include "read/xml.hpp"
#include "read/xml_stream.hpp"
#include "util/excel_date.hpp"
#include "util/utf8.hpp"

namespace bp::read {
namespace {

bool attr_is(const pugi::xml_attribute& a, char name) {
    const char* n = a.name();
    return n[0] == name && n[1] == '\0';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::optional<double> parse_number(std::string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    double v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// A value quoted in a message: short, and valid UTF-8 whatever the file holds.
std::string shown(std::string_view s, std::size_t max_bytes = 40) { return repair_utf8(utf8_prefix(s, max_bytes)); }

// Cells noted one by one on a sheet; the rest are counted in one note.
constexpr std::size_t k_max_notes = 20;
constexpr const char* k_invalid_text = "contained bytes that are not valid text (replaced by \uFFFD)";

struct SharedFormula {
    std::string text;
    CellPos origin;
};

class RowDecoder {
public:
    RowDecoder(const SheetContext& ctx, const std::string& part, SheetMeta& meta) : m_ctx(ctx), m_part(part), m_meta(meta) {}

    // After the last row: the cells beyond the first k_max_notes, in one note.
    void finish() {
        if (m_invalid_cells > k_max_notes)
            m_meta.notes.push_back(ReadNote{ReadNote::Kind::invalid_text, m_ctx.sheet, std::nullopt,
                                            std::to_string(m_invalid_cells - k_max_notes) + " more cells on this sheet " +
                                                k_invalid_text + ": check them in Excel and type them again"});
    }

    Status row(const pugi::xml_node& row_node, const RowFn& on_row) {
        SheetMeta& meta = m_meta;
        std::uint32_t row = m_next_row;
        bool hidden = false;
        for (pugi::xml_attribute a = row_node.first_attribute(); a; a = a.next_attribute()) {
            if (attr_is(a, 'r')) {
                auto n = parse_number(a.value());
                if (!n || *n < 1 || *n > k_max_rows || *n != std::floor(*n))
                    return bad(CellPos{row, 0}, "row number '" + shown(a.value()) + "' is not valid");
                row = static_cast<std::uint32_t>(*n) - 1;
            } else if (std::string_view(a.name()) == "hidden") {
                hidden = a.as_bool();
            }
        }
        if (row >= k_max_rows) return bad(CellPos{k_max_rows - 1, 0}, "more rows than Excel's 1048576");
        m_cells.clear();
        m_arena.clear();
        std::int64_t prev_col = -1;
        for (pugi::xml_node c = row_node.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element || !is(c, "c")) continue;
            CellView cell;
            cell.pos = {row, static_cast<std::uint32_t>(prev_col + 1)};
            const char* type = "";
            for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute()) {
                if (attr_is(a, 'r')) {
                    // A reference that is not A1 (a third-party writer's r="0", r="1" ...)
                    // is ignored, as a missing one is: the cell follows the previous one.
                    if (auto pos = parse_cell_ref(a.value())) cell.pos = *pos;
                } else if (attr_is(a, 's')) {
                    cell.style = a.as_uint();
                } else if (attr_is(a, 't')) {
                    type = a.value();
                }
            }
            if (cell.pos.col >= k_max_cols) return bad(CellPos{row, 0}, "more cells in a row than Excel's 16384 columns");
            prev_col = cell.pos.col;
            BP_ASSIGN_OR_RETURN(bool keep, decode(c, type, cell));
            if (!keep) continue;
            // Counted as built: a shared string's first use is the table's own copy.
            BP_TRY(m_ctx.budget.add_text(cell.formula.size() + (m_table_copy ? 0 : cell.text.size())));
            m_cells.push_back(cell);
        }
        if (hidden) meta.hidden_rows.push_back(row);
        m_next_row = row + 1;
        if (m_cells.empty() && !hidden) return Ok{};
        return on_row(RowView{row, hidden, m_cells});
    }

private:
    Error bad(CellPos at, const std::string& what) const {
        return make_error(Errc::bad_value, what + ": the file is damaged; open it in Excel and save it again",
                          {m_ctx.label, m_part, m_ctx.sheet, at});
    }

    std::string_view keep(std::string s) {
        m_arena.push_back(std::move(s));
        return m_arena.back();
    }

    // Every string from a cell passes here once: valid UTF-8 is kept as it is,
    // anything else is repaired and the cell noted.
    std::string_view checked(std::string_view text, CellPos pos, const char* what) {
        if (valid_utf8(text)) return text;
        note_invalid(pos, what);
        return keep(repair_utf8(text));
    }

    void note_invalid(CellPos pos, const char* what) {
        if (m_last_invalid && *m_last_invalid == pos) return;  // its text and its formula: one cell
        m_last_invalid = pos;
        if (++m_invalid_cells <= k_max_notes)
            m_meta.notes.push_back(ReadNote{ReadNote::Kind::invalid_text, m_ctx.sheet, pos,
                                            std::string("the ") + what + " of this cell " + k_invalid_text +
                                                ": check it in Excel and type it again"});
    }

    // Fills cell's value and formula; false if the cell holds nothing.
    Result<bool> decode(const pugi::xml_node& c, std::string_view type, CellView& cell) {
        m_table_copy = false;
        pugi::xml_node v, f, inline_str;
        for (pugi::xml_node n = c.first_child(); n; n = n.next_sibling()) {
            if (n.type() != pugi::node_element) continue;
            const char* name = n.name();
            if (name_is(name, "v")) v = n;
            else if (name_is(name, "f")) f = n;
            else if (name_is(name, "is")) inline_str = n;
        }
        if (f) cell.formula = checked(formula_text(f, cell.pos), cell.pos, "formula");
        std::string_view vtext = v ? std::string_view(v.child_value()) : std::string_view{};
        bool has_value = v || inline_str;
        if (!has_value) {
            // A styled blank is kept: its fill may be the only statement of a status.
            cell.type = CellType::empty;
            return cell.has_formula() || cell.style != 0;
        }
        bool blank = !inline_str && trim(vtext).empty();
        if (blank && type != "str" && type != "inlineStr") {
            // <v/> holds nothing of any type: Excel, openpyxl and calamine read an
            // empty cell (real files have <c t="s"><v/></c>), kept if styled.
            cell.type = CellType::empty;
            return cell.has_formula() || cell.style != 0;
        }
        if (type.empty() || type == "n") {
            auto num = parse_number(vtext);
            if (!num) return bad(cell.pos, "cell holds '" + shown(vtext) + "' where a number is stored");
            cell.type = CellType::number;
            cell.number = *num;
            NumFmtKind kind = m_ctx.styles.at(cell.style).kind;
            if ((kind == NumFmtKind::date || kind == NumFmtKind::duration) && date_from_serial(*num, m_ctx.date1904))
                cell.type = CellType::date;
        } else if (type == "s") {
            auto idx = parse_number(vtext);
            if (!idx || *idx < 0 || *idx != std::floor(*idx) || *idx >= static_cast<double>(m_ctx.strings.size()))
                return bad(cell.pos, "cell refers to shared string '" + shown(vtext, 20) +
                                                   "' but the workbook has only " +
                                                   std::to_string(m_ctx.strings.size()));
            cell.type = CellType::string;
            auto i = static_cast<std::size_t>(*idx);
            cell.text = m_ctx.strings.at(i);
            m_table_copy = m_ctx.budget.first_use(i, m_ctx.strings.size());
            if (m_ctx.strings.repaired(i)) note_invalid(cell.pos, "text");  // checked when the table was read
        } else if (type == "inlineStr") {
            cell.type = CellType::string;
            cell.text = checked(inline_str ? keep(rich_text(inline_str)) : text_of(vtext), cell.pos, "text");
        } else if (type == "str") {
            cell.type = CellType::string;
            cell.text = checked(text_of(vtext), cell.pos, "text");
        } else if (type == "b") {
            std::string_view t = trim(vtext);
            cell.type = CellType::boolean;
            cell.number = (t == "1" || t == "true") ? 1 : 0;
        } else if (type == "e") {
            cell.type = CellType::error;
            cell.text = checked(trim(vtext), cell.pos, "text");
        } else if (type == "d") {
            // ISO text as written: kept as text too, since dates before 1900 and
            // times of day have no faithful serial.
            std::string_view iso = trim(vtext);
            cell.type = CellType::date;
            if (auto when = parse_iso_datetime(iso)) {
                cell.number = serial_from_date(when->date, m_ctx.date1904) + static_cast<double>(when->millis) / 86400000.0;
                cell.text = keep(when->millis ? iso_date(when->date) + "T" + iso_time(when->millis) : iso_date(when->date));
            } else if (auto t = parse_iso_time(iso)) {
                cell.number = static_cast<double>(*t) / 86400000.0;
                cell.text = keep(iso_time(*t));
            } else if (auto span = parse_iso_duration(iso)) {
                // Excel's Strict files store [h]:mm values so: the text as dump writes durations.
                cell.number = static_cast<double>(*span) / 86400000.0;
                cell.text = keep(iso_duration(cell.number));
            } else {
                return bad(cell.pos, "cell holds '" + shown(vtext) + "' where an ISO date is stored");
            }
        } else {
            return bad(cell.pos, "cell has an unknown type t=\"" + shown(type) + "\"");
        }
        return true;
    }

    std::string_view text_of(std::string_view raw) {
        if (raw.find("_x") == std::string_view::npos) return raw;
        return keep(decode_xstring(raw));
    }

    std::string_view formula_text(const pugi::xml_node& f, CellPos pos) {
        std::string_view kind = f.attribute("t").value();
        std::string_view text = f.child_value();
        if (kind == "shared") {
            unsigned si = f.attribute("si").as_uint(~0u);
            if (!trim(text).empty()) {
                m_shared[si] = SharedFormula{std::string(text), pos};
                return text;
            }
            auto it = m_shared.find(si);
            if (it == m_shared.end()) return {};
            long drow = static_cast<long>(pos.row) - static_cast<long>(it->second.origin.row);
            long dcol = static_cast<long>(pos.col) - static_cast<long>(it->second.origin.col);
            return keep(translate_formula(it->second.text, drow, dcol));
        }
        if (kind == "dataTable") return {};  // what-if tables: no formula text of their own
        return text;
    }

    const SheetContext& m_ctx;
    const std::string& m_part;
    SheetMeta& m_meta;
    std::size_t m_invalid_cells = 0;
    bool m_table_copy = false;  // the cell decoded last is a shared string's first use
    std::optional<CellPos> m_last_invalid;
    std::vector<CellView> m_cells;
    std::deque<std::string> m_arena;  // stable storage for decoded text of the current row
    std::unordered_map<unsigned, SharedFormula> m_shared;
    std::uint32_t m_next_row = 0;
};

void read_frame(const pugi::xml_node& ws, SheetMeta& meta) {
    for (pugi::xml_node col : child(ws, "cols").children()) {
        if (!is(col, "col") || !col.attribute("hidden").as_bool()) continue;
        unsigned first = col.attribute("min").as_uint(0), last = col.attribute("max").as_uint(0);
        if (first < 1 || last < first) continue;
        last = std::min<unsigned>(last, k_max_cols);
        meta.hidden_cols.push_back({first - 1, last - 1});
    }
    for (pugi::xml_node m : child(ws, "mergeCells").children()) {
        if (!is(m, "mergeCell")) continue;
        if (auto r = parse_range(m.attribute("ref").value())) meta.merged.push_back(*r);
    }
}

}  // namespace

Result<SheetMeta> read_worksheet(ZipArchive& zip, const ZipEntry& entry, const SheetContext& ctx, const RowFn& on_row) {
    SheetMeta meta;
    RowDecoder decoder(ctx, entry.name, meta);
    pugi::xml_document frame;
    BP_TRY(stream_part(
        zip, entry, {"sheetData", "row"},
        [&](const pugi::xml_document& batch, long) -> Status {
            BP_TRY(ctx.budget.check_time());
            for (pugi::xml_node row = batch.first_child(); row; row = row.next_sibling())
                if (row.type() == pugi::node_element && is(row, "row")) BP_TRY(decoder.row(row, on_row));
            return Ok{};
        },
        frame));
    decoder.finish();
    read_frame(frame.document_element(), meta);
    return meta;
}

}  // namespace bp::read
