#include "render/scorecard_returns.hpp"

#include <fmt/format.h>

#include "render/returns_tracker.hpp"
#include "util/excel_date.hpp"

namespace bp::render {

using namespace bp::xlsx;

namespace {
enum ReturnCol : std::uint32_t { r_team, r_lead, r_kind, r_pattern, r_due, r_state, r_received, r_files, r_note, r_last = r_note };
constexpr std::uint32_t k_header = 3;

std::string note(const model::ExpectedReturn& r) {
    std::string n;
    if (r.wrong_kind) n = "A workbook holds the other kind of return. ";
    if (!r.received) return n;
    switch (r.received_from) {
        case model::ReceivedFrom::option: n += "Received date from --received."; break;
        case model::ReceivedFrom::returns_list: n += "Received date from the returns list."; break;
        case model::ReceivedFrom::file_time: n += "Received date is the file's modified time."; break;
    }
    return n;
}
}  // namespace

Worksheet returns_sheet(const model::Pack& pack, HouseStyle& hs) {
    const auto& t = pack.returns;
    Worksheet ws = titled_sheet(hs, k_returns_sheet, "Returns this month: who sent theirs, and when",
                                returns_sentence(t) + " From " + t.list + "; judged on " + uk_date(pack.report_date) + ".",
                                colour::amber);
    const char* headers[] = {"Team", "Lead", "Kind", "File expected", "Due", "State", "Received", "Workbook", "Note"};
    for (std::uint32_t c = 0; c <= r_last; ++c) ws.text(k_header, c, headers[c], hs.header_left);
    std::uint32_t row = k_header + 1;
    for (const auto& r : t.entries) {
        ws.text(row, r_team, return_team_words(r), hs.text_wrap);
        ws.text(row, r_lead, r.lead, hs.text_wrap);
        ws.text(row, r_kind, return_kind_words(r), hs.text_center);
        ws.text(row, r_pattern, r.pattern, hs.text);
        if (r.due) ws.number(row, r_due, serial_from_date(*r.due, false), hs.date);
        ws.text(row, r_state, return_state_words(r), hs.text);
        if (r.received) ws.number(row, r_received, serial_from_date(*r.received, false), hs.date);
        ws.text(row, r_files, return_files_words(r), hs.text_wrap);
        ws.text(row, r_note, note(r), hs.text_wrap);
        ++row;
    }
    std::uint32_t last = row - 1;
    if (!t.entries.empty()) {
        std::string state = fmt::format("${}", cell_ref(CellPos{k_header + 1, r_state}));
        ConditionalFormat cf{{CellRange{{k_header + 1, r_state}, {last, r_state}}}, {}};
        cf.rules = {{CfType::expression, "", state + "=\"Missing\"", hs.light_red},
                    {CfType::expression, "", "LEFT(" + state + ",4)=\"Late\"", hs.light_amber},
                    {CfType::expression, "", state + "=\"On time\"", hs.light_green}};
        ws.conditional_formats.push_back(cf);
    }
    double widths[] = {24, 18, 7, 26, 11, 14, 11, 30, 44};
    for (std::uint32_t c = 0; c <= r_last; ++c) ws.width(c, c, widths[c]);
    ws.freeze = CellPos{k_header + 1, 0};
    ws.autofilter = CellRange{{k_header, 0}, {last, r_last}};
    ws.print_title_rows = {k_header, k_header};
    ws.print_area = CellRange{{0, 0}, {last, r_last}};
    return ws;
}

}  // namespace bp::render
