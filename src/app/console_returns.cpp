// print_returns (console_report.hpp): the tracker's table on the terminal.
#include <fmt/format.h>

#include <algorithm>

#include "app/console_report.hpp"
#include "render/returns_tracker.hpp"

namespace bp::app {

void print_returns(std::FILE* out, const model::Pack& pack) {
    const auto& t = pack.returns;
    if (!t.active()) return;
    fmt::print(out, "\nReturns ({}): {}\n", t.list, render::returns_sentence(t));
    std::size_t w = 12;
    for (const auto& r : t.entries) w = std::max(w, render::return_team_words(r).size());
    fmt::print(out, "  {:<{}}  {:<4}  {:<10}  {:<13}  {:<10}  {}\n", "Team", w, "Kind", "Due", "State", "Received", "Workbook");
    for (const auto& r : t.entries)
        fmt::print(out, "  {:<{}}  {:<4}  {:<10}  {:<13}  {:<10}  {}\n", render::return_team_words(r), w,
                   render::return_kind_words(r), r.due ? uk_date(*r.due) : "–", render::return_state_words(r),
                   r.received ? uk_date(*r.received) : "–", render::return_files_words(r));
}

}  // namespace bp::app
