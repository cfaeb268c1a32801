// Writes a board report for looking at: the samples pack, or a generated one.
//   pdf_make_report OUT.pdf [--template FILE] [--generated N]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "render/board_report.hpp"
#include "support.hpp"

int main(int argc, char** argv) {
    using namespace bp;
    if (argc < 2) {
        std::fprintf(stderr, "usage: pdf_make_report OUT.pdf [--template FILE] [--generated N]\n");
        return 2;
    }
    std::string out = argv[1], tpl_path;
    int generated = 0;
    for (int i = 2; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--template") tpl_path = argv[i + 1];
        else if (a == "--generated") generated = std::atoi(argv[i + 1]);
    }
    auto tpl = tpl_path.empty() ? Result<render::ReportTemplate>(render::default_report_template())
                                : render::load_report_template(tpl_path);
    if (!tpl) {
        std::fprintf(stderr, "%s\n", to_string(tpl.error()).c_str());
        return 2;
    }
    const model::Pack& r = generated > 0 ? pdftest::generated_pack(generated) : pdftest::sample_pack();
    auto s = render::write_board_report(r, *tpl, out);
    if (!s) {
        std::fprintf(stderr, "%s\n", to_string(s.error()).c_str());
        return 1;
    }
    return 0;
}
