#include "app/progress.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <filesystem>

namespace bp::app {

namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string elapsed_text(double seconds) {
    auto s = static_cast<long>(seconds);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string result_word(const PackOutcome& o) {
    if (o.code == 2) return o.inputs == 0 ? "no workbooks" : o.unreadable ? "unreadable" : "failed";
    return o.code == 1 ? "errors" : o.warnings ? "warnings" : "ok";
}

}  // namespace

std::string outcome_text(const PackOutcome& o, const std::string& out_dir) {
    std::string text = fmt::format("{}: {}", o.name, plural(o.inputs, "workbook", "workbooks"));
    if (o.code == 2) return text + ": nothing written: " + o.problem;
    text += fmt::format(", {}, {}", plural(static_cast<std::size_t>(o.errors), "error", "errors"),
                        plural(static_cast<std::size_t>(o.warnings), "warning", "warnings"));
    if (o.unreadable) text += fmt::format(" ({} unreadable)", o.unreadable);
    return text + fmt::format(" -> {}", (std::filesystem::path(out_dir) / o.name / "").string());
}

BatchProgress::BatchProgress(std::FILE* out, ProgressStyle style, std::size_t total, std::string out_dir)
    : m_out(out), m_style(style), m_total(total), m_out_dir(std::move(out_dir)) {
    if (m_style == ProgressStyle::bar) {
        std::lock_guard lock(m_mutex);
        draw();
        m_ticker = std::thread([this] { tick(); });
    }
}

BatchProgress::~BatchProgress() { close(); }

void BatchProgress::tick() {
    std::unique_lock lock(m_mutex);
    while (!m_cv.wait_for(lock, std::chrono::seconds(1), [this] { return m_closed; })) draw();
}

void BatchProgress::draw() {
    constexpr std::size_t width = 30;
    std::size_t filled = m_total ? width * m_done / m_total : width;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    std::string now = m_running.empty() ? "" : "  " + *m_running.begin();
    if (m_running.size() > 1) now += fmt::format(" +{}", m_running.size() - 1);
    if (now.size() > 40) now = now.substr(0, 39) + "~";
    // \r and "erase line" redraw in place; the bar stays within 80 columns.
    fmt::print(m_out, "\r\x1b[2K[{}{}] {}/{} packs  {}{}", std::string(filled, '#'), std::string(width - filled, '.'),
               m_done, m_total, elapsed_text(seconds), now);
    std::fflush(m_out);
}

void BatchProgress::started(const std::string& name) {
    std::lock_guard lock(m_mutex);
    m_running.insert(name);
    if (m_style == ProgressStyle::bar && !m_closed) draw();
}

void BatchProgress::finished(const PackOutcome& o) {
    std::lock_guard lock(m_mutex);
    m_running.erase(o.name);
    ++m_done;
    if (m_style == ProgressStyle::bar) {
        if (!m_closed) draw();
        return;
    }
    if (m_style == ProgressStyle::timed) {
        std::time_t t = std::time(nullptr);
        std::tm tm{};
        localtime_r(&t, &tm);
        fmt::print(m_out, "{:%H:%M:%S} {}\n", tm, outcome_text(o, m_out_dir));
    } else {
        fmt::print(m_out, "[{}/{}] {}\n", m_done, m_total, outcome_text(o, m_out_dir));
    }
    std::fflush(m_out);
}

void BatchProgress::close() {
    {
        std::lock_guard lock(m_mutex);
        if (m_closed) return;
        m_closed = true;
        if (m_style == ProgressStyle::bar) {
            fmt::print(m_out, "\r\x1b[2K");
            std::fflush(m_out);
        }
    }
    m_cv.notify_all();
    if (m_ticker.joinable()) m_ticker.join();
}

void print_batch_table(std::FILE* out, const std::vector<PackOutcome>& outcomes, const std::string& out_dir,
                       double seconds, std::optional<int> exit_status) {
    std::size_t w = 4;
    for (const auto& o : outcomes) w = std::max(w, o.name.size());
    w = std::min<std::size_t>(w, 48);
    fmt::print(out, "\n{:<{}}  {:>6}  {:>6}  {:>8}  {:>7}  {}\n", "Pack", w, "Inputs", "Errors", "Warnings", "Outputs",
               "Result");
    int errors = 0, warnings = 0;
    std::size_t inputs = 0;
    for (const auto& o : outcomes) {
        std::string name = o.name.size() > w ? o.name.substr(0, w - 1) + "~" : o.name;
        fmt::print(out, "{:<{}}  {:>6}  {:>6}  {:>8}  {:>7}  {}\n", name, w, o.inputs, o.errors, o.warnings, o.outputs,
                   result_word(o));
        inputs += o.inputs, errors += o.errors, warnings += o.warnings;
    }
    fmt::print(out, "{:<{}}  {:>6}  {:>6}  {:>8}\n", "Total", w, inputs, errors, warnings);
    std::size_t failed = 0;
    for (const auto& o : outcomes) {
        if (o.code != 2) continue;
        if (failed++ == 0) fmt::print(out, "\nNot built:\n");
        fmt::print(out, "  {}: {}\n", o.name, o.problem);
    }
    std::size_t unread = 0;
    for (const auto& o : outcomes)
        for (const auto& [file, why] : o.unreadable_files)
            fmt::print(out, "{}  {}/{}: {}\n", unread++ == 0 ? "\nNot read (the rest of each pack was built):\n" : "",
                       o.name, file, why);
    std::size_t noted = 0;
    for (const auto& o : outcomes)
        for (const auto& n : o.notes) fmt::print(out, "{}  {}: {}\n", noted++ == 0 ? "\nBuilt, but:\n" : "", o.name, n);
    fmt::print(out, "\n{} built in {:.1f} s; each pack's outputs are in {}\n",
               plural(outcomes.size() - failed, "pack", "packs"), seconds,
               (std::filesystem::path(out_dir) / "<pack>" / "").string());
    if (exit_status)
        fmt::print(out, "Exit status {}: {}\n", *exit_status,
                   *exit_status == 0   ? "every pack was built, with no errors in the data"
                   : *exit_status == 1 ? "every pack was built, but errors were found in the data (rows left out)"
                   : *exit_status == 2 ? "a pack could not be built (see Not built)"
                                       : "interrupted: the packs not started were not built");
    std::fflush(out);
}

}  // namespace bp::app
