#include "app/pack_writer.hpp"

#include <algorithm>
#include <future>

#include "render/json/summary.hpp"
#include "render/pdf/board_report.hpp"
#include "render/xlsx/scorecard.hpp"
#include "util/atomic_file.hpp"

namespace bp::app {

const std::vector<std::string>& output_names() {
    static const std::vector<std::string> names = {"scorecard.xlsx", "board-report.pdf", "summary.json"};
    return names;
}

Result<render::pdf::ReportTemplate> report_template(const WriteOptions& options) {
    if (!options.report_template) return render::pdf::default_report_template();
    return render::pdf::load_report_template(*options.report_template);
}

Result<Written> write_pack(const pipeline::Result& result, const std::string& out_dir, const WriteOptions& options) {
    auto tpl = report_template(options);
    if (!tpl) return tpl.take_error();
    OutputSet outputs(out_dir);
    Written written;
    render::OutputNames names{"scorecard.xlsx", "board-report.pdf"};
    // The three outputs only read the result: write them at the same time.
    auto scorecard = std::async(std::launch::async, [&] {
        return outputs.add(names.scorecard, [&](const std::string& temp) { return render::xlsx::write_scorecard(result, temp); });
    });
    auto report = std::async(std::launch::async, [&] {
        return outputs.add(names.report, [&](const std::string& temp) { return render::pdf::write_board_report(result, *tpl, temp); });
    });
    Status s = outputs.add_text("summary.json", render::summary_json(result, names).dump(2) + "\n");
    Status sc = scorecard.get(), rp = report.get();
    if (s && !sc) s = sc;
    if (s && !rp) s = rp;
    if (s) written.files = {names.scorecard, names.report, "summary.json"};
    if (s) s = outputs.commit();
    if (!s) {
        OutputSet::remove_stale(out_dir, output_names());
        return s.take_error();
    }
    // Outputs this run did not produce must not linger from an earlier run.
    std::vector<std::string> stale;
    for (const auto& n : output_names())
        if (std::find(written.files.begin(), written.files.end(), n) == written.files.end()) stale.push_back(n);
    OutputSet::remove_stale(out_dir, stale);
    return written;
}

}  // namespace bp::app
