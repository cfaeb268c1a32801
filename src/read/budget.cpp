#include "read/budget.hpp"

#include <fmt/format.h>

namespace bp::read {

ReadBudget::ReadBudget(const ReadLimits& limits, std::string label)
    : m_label(std::move(label)),
      m_max_text(limits.max_text_bytes),
      m_max_cells(limits.max_cells),
      m_max_seconds(limits.max_seconds),
      m_deadline(std::chrono::steady_clock::now() +
                 std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(limits.max_seconds))) {}

Status ReadBudget::add_text(std::uint64_t bytes) {
    m_text += bytes;
    if (m_text <= m_max_text) return Ok{};
    return make_error(Errc::too_large,
                      fmt::format("builds more than {} MiB of text (each cell's text counted every time it is read: a "
                                  "string used by many cells counts many times), more than a team workbook holds; if "
                                  "the workbook is genuine, raise the limit with --max-text-mb",
                                  m_max_text >> 20),
                      {m_label});
}

Status ReadBudget::add_cells(std::uint64_t count, const std::string& sheet) {
    m_cells += count;
    if (m_cells <= m_max_cells) return Ok{};
    return make_error(Errc::too_large,
                      fmt::format("has more than {} cells on its sheets, more than a team workbook holds: check the "
                                  "sheets, or if the workbook is genuine raise the limit with --max-cells",
                                  m_max_cells),
                      {m_label, {}, sheet});
}

Status ReadBudget::check_time() {
    if (std::chrono::steady_clock::now() <= m_deadline) return Ok{};
    return make_error(Errc::too_large,
                      fmt::format("took more than {:g} s to read, far longer than a team workbook takes; if the "
                                  "workbook is genuine, raise the limit with --max-seconds",
                                  m_max_seconds),
                      {m_label});
}

bool ReadBudget::first_use(std::size_t i, std::size_t table_size) {
    if (m_used.size() < table_size) m_used.resize(table_size);
    if (m_used[i]) return false;
    m_used[i] = true;
    return true;
}

}  // namespace bp::read
