#include "app/limits_options.hpp"

namespace bp::app {

void add_limit_options(CLI::App& cmd, LimitFlags& f, const read::ReadLimits& d) {
    f.part_mb = static_cast<double>(d.zip.max_entry_bytes >> 20);
    f.total_mb = static_cast<double>(d.zip.max_total_bytes >> 20);
    f.file_mb = static_cast<double>(d.max_file_bytes >> 20);
    f.ratio = d.zip.max_ratio;
    f.cells = static_cast<double>(d.max_cells);
    f.text_mb = static_cast<double>(d.max_text_bytes >> 20);
    f.seconds = d.max_seconds;
    cmd.add_option("--max-part-mb", f.part_mb, "Largest inflated size of one part of a workbook, MiB")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Limits");
    cmd.add_option("--max-total-mb", f.total_mb, "Largest inflated size of all parts of one workbook, MiB")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Limits");
    cmd.add_option("--max-ratio", f.ratio, "Largest compression ratio of a part over 16 MiB (zip-bomb guard)")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Limits");
    cmd.add_option("--max-file-mb", f.file_mb, "Largest workbook file, MiB")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Limits");
    cmd.add_option("--max-cells", f.cells, "Most cells of one workbook's sheets read (build, validate)")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Limits");
    cmd.add_option("--max-text-mb", f.text_mb,
                   "Most text built from one workbook, MiB (each cell's text counted every time it is read)")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Limits");
    cmd.add_option("--max-seconds", f.seconds, "Longest time reading one workbook, seconds")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Limits");
}

read::ReadLimits to_limits(const LimitFlags& f) {
    read::ReadLimits l;
    auto mib = [](double v) { return static_cast<std::uint64_t>(v * 1048576.0); };
    l.zip.max_entry_bytes = mib(f.part_mb);
    l.zip.max_total_bytes = mib(f.total_mb);
    l.zip.max_ratio = f.ratio;
    l.max_file_bytes = mib(f.file_mb);
    l.max_cells = static_cast<std::uint64_t>(f.cells);
    l.max_text_bytes = mib(f.text_mb);
    l.max_seconds = f.seconds;
    return l;
}

}  // namespace bp::app
