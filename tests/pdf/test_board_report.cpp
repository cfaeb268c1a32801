// board-report.pdf for samples/ and for a generated 300-measure pack, read
// back with qpdf and poppler's tools (pdftotext, pdffonts, pdfinfo, pdfimages).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "check/compare.hpp"
#include "check/small_numbers.hpp"
#include "pdf/document.hpp"
#include "render/board_report.hpp"
#include "render/summary_json.hpp"
#include "support.hpp"

using namespace bp::render;
using namespace bp::pdf;
using namespace bp::pdftest;

namespace {

void require_tool(const char* tool) {
    REQUIRE_MESSAGE(run(fmt::format("command -v {} >/dev/null", tool)).status == 0,
                    tool << " is needed (Debian: poppler-utils, qpdf)");
}

std::string quote(const std::string& s) { return "'" + s + "'"; }

// Writes the report of `result` with `tpl` into a fresh folder named `name`.
std::string write_report(const std::string& name, const bp::model::Pack& result,
                         const ReportTemplate& tpl = default_report_template()) {
    std::string path = work_dir(name) + "/board-report.pdf";
    auto s = write_board_report(result, tpl, path);
    REQUIRE_MESSAGE(s.ok(), bp::to_string(s.error()));
    return path;
}

std::string pdftotext(const std::string& pdf, const std::string& options = {}) {
    require_tool("pdftotext");
    Run r = run(fmt::format("pdftotext -enc UTF-8 {} {} -", options, quote(pdf)));
    REQUIRE(r.status == 0);
    CHECK_MESSAGE(r.err.empty(), "pdftotext complained: " << r.err);  // e.g. about a bad ToUnicode CMap
    return r.out;
}

int page_count(const std::string& pdf) {
    require_tool("pdfinfo");
    Run r = run("pdfinfo " + quote(pdf));
    std::smatch m;
    REQUIRE(std::regex_search(r.out, m, std::regex(R"(Pages:\s+(\d+))")));
    return std::stoi(m[1]);
}

bool has_line(const std::string& text, const std::string& pattern) {
    std::regex re(pattern);
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (std::regex_search(line, re)) return true;
    return false;
}

// Each test case writes its own copy: ctest may run them side by side.
std::string samples_pdf(const std::string& name) { return write_report("samples-" + name, sample_pack()); }

}  // namespace

TEST_CASE("pdf::board report of samples passes qpdf --check") {
    require_tool("qpdf");
    Run r = run("qpdf --check " + quote(samples_pdf("qpdf")));
    CHECK_MESSAGE(r.status == 0, r.out << r.err);
    CHECK(r.out.find("No syntax or stream encoding errors found") != std::string::npos);
}

TEST_CASE("pdf::board report of samples: section titles and generated sentences") {
    std::string text = squash(pdftotext(samples_pdf("sentences")));
    for (const char* s : {"Improvement Board", "1. Since the last board", "2. Summary of progress",
                          "3. Key performance indicators", "4. Exceptions", "5. Data quality", "Position at 21 November 2026", "Indicators rated red", "Actions rated red or amber",
                          "Findings"})
        CHECK_MESSAGE(text.find(s) != std::string::npos, s);
    for (const char* s : {
             "The table below shows the RAG ratings for actions in each section of the plan.",
             "The plan has 62 actions in 5 sections: 14 are completed (blue), 22 on track (green), 16 show some "
             "progress but slippage (amber) and 10 have not progressed as planned (red).",
             "Of 14 indicators with targets, 3 are green, 6 amber and 5 red.",
             "Of the 5 red indicators, 4 miss their minimum standard by less than 3 points.",
             "77.8% is 7.2 points below the minimum of 85%.",
             "11.7% is 1.7 points above the maximum of 10% (lower is better).",
             "26 actions are red or amber: 10 have not progressed as planned (red) and 16 show some progress but "
             "slippage (amber). 6 actions are past their due date and not yet completed.",
             "Checking the 7 workbooks gave 3 errors, 14 warnings and 19 notes.",
         })
        CHECK_MESSAGE(text.find(s) != std::string::npos, s);
    CHECK(text.find("Page 1 of ") != std::string::npos);
}

TEST_CASE("pdf::board report of samples: seed 002's table") {
    std::string text = pdftotext(samples_pdf("seed002"), "-layout");
    struct Expect {
        const char* name;  // the start of the section's name (long names wrap in their cell)
        int total, blue, green, amber, red;
    };
    for (const auto& e : {Expect{"Quality of Practice", 22, 1, 7, 10, 4},
                          Expect{"Capacity and capability", 12, 3, 4, 2, 3},
                          Expect{"Effective Leadership", 9, 1, 5, 1, 2},
                          Expect{"Quality Assurance", 9, 6, 2, 1, 0}, Expect{"Partnership working", 10, 3, 4, 2, 1},
                          Expect{"Total", 62, 14, 22, 16, 10}}) {
        std::string pattern = fmt::format(R"(^{}[^0-9]*\s{}\s+{}\s+{}\s+{}\s+{}(\s|$))", e.name, e.total, e.blue,
                                          e.green, e.amber, e.red);
        CHECK_MESSAGE(has_line(text, pattern), pattern);
    }
    for (const char* head : {"Blue –", "Green", "Amber –", "Red – not"}) CHECK(text.find(head) != std::string::npos);
}

TEST_CASE("pdf::board report of samples: seed 003's ratings") {
    std::string text = pdftotext(samples_pdf("seed003"), "-layout");
    struct Expect {
        const char* ref;
        const char* current;
        const char* rag;
    };
    const Expect rows[] = {{"1.1", "90.4%", "A"},   {"1.2", "790", "–"},    {"1.3", "274", "–"},
                           {"1.4", "291", "–"},     {"2.1", "93.7%", "A"},  {"2.10a", "90.8%", "A"},
                           {"3.1", "87.5%", "A"},   {"3.3", "77.8%", "R"},  {"4.7.2", "89.4%", "R"},
                           {"5.10", "11.7%", "R"},  {"5.11", "89.0%", "R"}, {"3.2", "87.0%", "A"},
                           {"4.8", "95.5%", "R"},   {"5.18", "100.0%", "G"}, {"6.1", "95.5%", "G"},
                           {"6.2", "69.0%", "A"},   {"6.3", "90.7%", "G"}};
    int green = 0, amber = 0, red = 0;
    for (const auto& e : rows) {
        std::string ref = std::regex_replace(std::string(e.ref), std::regex(R"(\.)"), R"(\.)");
        std::string pattern = fmt::format(R"(^\s*{}\s.*\s{}\s+(Snapshot|YTD|Rolling).*\s{}\s*$)", ref,
                                          std::regex_replace(std::string(e.current), std::regex(R"(\.)"), R"(\.)"),
                                          e.rag);
        CHECK_MESSAGE(has_line(text, pattern), pattern);
        green += std::string(e.rag) == "G", amber += std::string(e.rag) == "A", red += std::string(e.rag) == "R";
    }
    CHECK(green == 3);
    CHECK(amber == 6);
    CHECK(red == 5);
}

TEST_CASE("pdf::board report embeds its fonts") {
    require_tool("pdffonts");
    Run r = run("pdffonts " + quote(samples_pdf("fonts")));
    REQUIRE(r.status == 0);
    int embedded = 0;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
        if (line.find("DejaVuSans") != std::string::npos) {
            CHECK_MESSAGE(std::regex_search(line, std::regex(R"(CID TrueType\s+Identity-H\s+yes\s+yes\s+yes)")), line);
            ++embedded;
        }
    CHECK(embedded == 2);  // regular and bold
}

TEST_CASE("pdf::board report keeps £ – ’ é Ł through text extraction") {
    std::string dir = work_dir("unicode-template");
    write_file(dir + "/t.ini",
               "[report]\nboard = Children’s Improvement Board – Łódź\ntitle = Budget £1.2m: café review\n"
               "author = Zoë Łukasik\nclassification = OFFICIAL–SENSITIVE\nmeeting_date = 2026-11-26\n");
    auto tpl = load_report_template(dir + "/t.ini");
    REQUIRE_MESSAGE(tpl.ok(), bp::to_string(tpl.error()));
    std::string pdf = write_report("unicode", sample_pack(), *tpl);
    std::string text = pdftotext(pdf);  // no complaint from poppler about the ToUnicode map either
    for (const char* s : {"Children’s Improvement Board – Łódź", "Budget £1.2m: café review", "Zoë Łukasik",
                          "OFFICIAL–SENSITIVE", "26 November 2026"})
        CHECK_MESSAGE(text.find(s) != std::string::npos, s);
    // The document info says the same.
    Run info = run("pdfinfo -enc UTF-8 " + quote(pdf));
    CHECK(info.out.find("Budget £1.2m: café review") != std::string::npos);
    CHECK(info.out.find("Zoë Łukasik") != std::string::npos);
    CHECK(std::regex_search(info.out, std::regex(R"(CreationDate:\s+\S)")));
}

TEST_CASE("pdf::a 300-measure scorecard repeats its header on every page") {
    std::string pdf = write_report("generated-300", generated_pack(300));
    require_tool("qpdf");
    CHECK(run("qpdf --check " + quote(pdf)).status == 0);
    // pdftotext ends every page with a form feed.
    std::string all = pdftotext(pdf, "-layout");
    std::vector<std::string> pages;
    for (std::size_t start = 0, end; (end = all.find('\f', start)) != std::string::npos; start = end + 1)
        pages.push_back(all.substr(start, end - start));
    CHECK(static_cast<int>(pages.size()) == page_count(pdf));
    int kpi_pages = 0;
    std::set<std::string> seen;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        const std::string& text = pages[p];
        // The running header names the section on every one of its pages.
        if (text.find("3. Key performance indicators") == std::string::npos) continue;
        ++kpi_pages;
        CHECK_MESSAGE(has_line(text, R"(^\s*Ref\s+Performance measure\s+Unit\s+year\s+Num\s+Denom\s+Current\s+Period)"),
                      "page " << p + 1 << " lacks the table header");
        static const std::regex title(R"(Generated measure (\d+):)");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), title); it != std::sregex_iterator(); ++it)
            seen.insert((*it)[1]);
    }
    CHECK(kpi_pages >= 5);
    CHECK(seen.size() == 300);  // every row placed once somewhere
}

TEST_CASE("pdf::layout of samples: header rows, bookmarks, page numbers") {
    auto fonts = find_fonts("", "");
    REQUIRE(fonts.ok());
    auto doc = Document::create(fonts.value());
    REQUIRE(doc.ok());
    Layout layout = layout_board_report(sample_pack(), default_report_template(), *doc.value());
    REQUIRE(layout.pages.size() >= 5);
    std::vector<std::string> marks;
    for (const auto& b : layout.bookmarks) marks.push_back(b.title);
    CHECK(marks == std::vector<std::string>{"Improvement plan and performance report", "1. Since the last board",
                                            "2. Summary of progress", "3. Key performance indicators", "4. Exceptions",
                                            "5. Data quality"});
    int kpi_pages = 0;
    for (std::size_t i = 0; i < layout.pages.size(); ++i) {
        const Page& page = layout.pages[i];
        int header = 0, numbered = 0;
        for (const auto& op : page.ops)
            if (const auto* t = std::get_if<TextOp>(&op)) {
                header += t->text == "Performance measure";
                numbered += t->text == fmt::format("Page {} of {}", i + 1, layout.pages.size());
            }
        CHECK(numbered == 1);
        if (page.section == "3. Key performance indicators") {
            ++kpi_pages;
            CHECK(page.size.width > page.size.height);  // landscape
            CHECK(header == 1);
        }
    }
    CHECK(kpi_pages >= 1);
}

// Every text on every page, in order.
std::vector<std::string> texts_of(const Layout& layout) {
    std::vector<std::string> out;
    for (const auto& page : layout.pages)
        for (const auto& op : page.ops)
            if (const auto* t = std::get_if<TextOp>(&op)) out.push_back(t->text);
    return out;
}

TEST_CASE("pdf::the digest of samples is the full report: short lists print whole") {
    auto fonts = find_fonts("", "");
    REQUIRE(fonts.ok());
    auto doc = Document::create(fonts.value());
    REQUIRE(doc.ok());
    ReportTemplate full = default_report_template();
    full.appendix = Appendix::full;
    auto pack = sample_pack();
    REQUIRE(pack.issues.size() > 20);  // enough findings that a summary would show
    std::vector<std::string> digest_texts = texts_of(layout_board_report(pack, default_report_template(), *doc.value()));
    CHECK(digest_texts == texts_of(layout_board_report(pack, full, *doc.value())));
    CHECK(std::find(digest_texts.begin(), digest_texts.end(), "Findings") != digest_texts.end());
}

TEST_CASE("pdf::board report with a logo and a named font") {
    std::string dir = work_dir("logo-template");
    write_file(dir + "/logo.png", tiny_png());
    write_file(dir + "/t.ini", "[report]\nlogo = logo.png\nfont = /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf\n"
                               "font_bold = /usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf\n");
    auto tpl = load_report_template(dir + "/t.ini");
    REQUIRE_MESSAGE(tpl.ok(), bp::to_string(tpl.error()));
    std::string pdf = write_report("logo", sample_pack(), *tpl);
    CHECK(run("qpdf --check " + quote(pdf)).status == 0);
    require_tool("pdfimages");
    Run images = run("pdfimages -list " + quote(pdf));
    CHECK(std::regex_search(images.out, std::regex(R"(\n\s*1\s+\d+\s+image\s+2\s+2\s)")));
    Run fonts = run("pdffonts " + quote(pdf));
    CHECK(fonts.out.find("DejaVuSerif") != std::string::npos);
    CHECK(fonts.out.find("DejaVuSans") == std::string::npos);
}

TEST_CASE("pdf::board report sections follow the template") {
    std::string dir = work_dir("order-template");
    write_file(dir + "/t.ini", "[report]\nsections = data_quality, kpis\nnumbered = no\n"
                               "[section kpis]\ntitle = Scorecard\norientation = portrait\n");
    auto tpl = load_report_template(dir + "/t.ini");
    REQUIRE(tpl.ok());
    std::string text = squash(pdftotext(write_report("order", sample_pack(), *tpl)));
    auto dq = text.find("Data quality"), sc = text.find("Scorecard");
    CHECK(dq != std::string::npos);
    CHECK(sc != std::string::npos);
    CHECK(dq < sc);
    CHECK(text.find("Summary of progress") == std::string::npos);
    CHECK(text.find("1. Data quality") == std::string::npos);
}

TEST_CASE("pdf::write_board_report to a folder that does not exist") {
    auto s = write_board_report(sample_pack(), default_report_template(), "/no/such/folder/board-report.pdf");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == bp::Errc::output);
    CHECK(bp::to_string(s.error()).find("/no/such/folder/board-report.pdf") != std::string::npos);
}

TEST_CASE("pdf::board report of an empty pack") {
    bp::model::Pack empty;
    std::string text = squash(pdftotext(write_report("empty", empty)));
    CHECK(text.find("No improvement plan actions were found in the returns.") != std::string::npos);
    CHECK(text.find("No indicators were found in the returns.") != std::string::npos);
}

TEST_CASE("pipeline: an upload in memory has the checksum of its bytes and no file time") {
    const std::string path = std::string(BP_SOURCE_DIR) + "/samples/plan-workforce.xlsx";
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bp::pipeline::Options opts;
    opts.as_of = bp::CivilDate{2026, 11, 21};
    auto on_disk = bp::pipeline::run({path}, opts);
    auto uploaded = bp::pipeline::run_memory({{"plan-workforce.xlsx", bytes}}, opts);
    REQUIRE(on_disk.inputs.size() == 1);
    REQUIRE(uploaded.inputs.size() == 1);
    const auto& disk = on_disk.inputs[0].facts;
    const auto& mem = uploaded.inputs[0].facts;
    CHECK(disk.sha256.size() == 64);
    CHECK(mem.sha256 == disk.sha256);
    CHECK(mem.bytes == bytes.size());
    CHECK(disk.bytes == bytes.size());
    CHECK(disk.modified.has_value());
    CHECK_FALSE(mem.modified.has_value());
}

namespace {
// The samples' pack compared with a made-up last board: every red action amber last time, one
// blue one green, one due date 40 days earlier, one action new and one gone; 3.3 amber then
// (red now) and 6.1 amber then (green now).
bp::model::Pack compared_sample_pack() {
    bp::model::Pack pack = sample_pack();
    bp::model::PackSnapshot prev;
    prev.period = {2026, 9};
    prev.report_date = {2026, 9, 30};
    prev.origin = "history.sqlite";
    bool blue_done = false, slipped = false;
    for (const auto& a : pack.actions) {
        if (a.ref == "QP1.1") continue;  // new since last time
        bp::model::ActionSnapshot s{a.ref, a.section, a.action, a.status, a.due, {}};
        if (a.status == bp::model::PlanStatus::red) s.status = bp::model::PlanStatus::amber;
        if (a.status == bp::model::PlanStatus::blue && !blue_done) s.status = bp::model::PlanStatus::green, blue_done = true;
        if (a.status == bp::model::PlanStatus::green && a.due && !slipped) {
            s.due = bp::civil_from_days(bp::days_from_civil(*a.due) - 40);
            slipped = true;
        }
        prev.actions.push_back(s);
    }
    prev.actions.push_back({"XX9.9", "Gone", "An action the plan no longer has", bp::model::PlanStatus::green, {}, {}});
    for (const auto& m : pack.measures) {
        bp::model::MeasureSnapshot s{m.ref, m.title, m.rag, m.value, m.unit, m.polarity, {}};
        if (m.ref == "3.3" || m.ref == "6.1") s.rating = bp::model::Rating::amber, s.value.reset();
        prev.measures.push_back(s);
    }
    bp::check::compare_with_previous(pack, prev);
    return pack;
}
}  // namespace

TEST_CASE("pdf::board report compared with the last board: sentences, the moves table and change arrows") {
    auto pack = compared_sample_pack();
    std::string text = squash(pdftotext(write_report("samples-compared", pack)));
    for (const char* s : {"1. Since the last board", "10 actions moved from amber to red",
                          "1 moved from green to blue (completed: ", "1 due date slipped, by more than a month.",
                          "1 action is new since last time and 1 action is no longer in the pack (XX9.9).",
                          "3.3 fell from amber to red; 6.1 improved from amber to green.", "Last time", "40 days later"})
        CHECK_MESSAGE(text.find(s) != std::string::npos, s);

    auto fonts = find_fonts("", "");
    REQUIRE(fonts.ok());
    auto doc = Document::create(fonts.value());
    REQUIRE(doc.ok());
    Layout layout = layout_board_report(pack, default_report_template(), *doc.value());
    int arrows = 0, change_heads = 0;
    for (const auto& page : layout.pages)
        for (const auto& op : page.ops) {
            arrows += std::holds_alternative<PolygonOp>(op);
            if (const auto* t = std::get_if<TextOp>(&op)) change_heads += t->text == "Change";
        }
    // One arrow per measure in the KPI table (16 compared, one... every measure was there last time),
    // and per action in the Exceptions and moves tables.
    CHECK(arrows >= static_cast<int>(pack.measures.size()) + 12);
    CHECK(change_heads >= 4);  // moves, KPI, red indicators, actions tables

    // A first pack draws no arrow and no Change column.
    Layout first = layout_board_report(sample_pack(), default_report_template(), *doc.value());
    for (const auto& page : first.pages)
        for (const auto& op : page.ops) {
            CHECK_FALSE(std::holds_alternative<PolygonOp>(op));
            if (const auto* t = std::get_if<TextOp>(&op)) CHECK(t->text != "Change");
        }
}

TEST_CASE("pdf::a plan-only or KPI-only pack leaves out the empty section and its sentences") {
    bp::pipeline::Options opts;
    opts.as_of = bp::CivilDate{2026, 11, 21};
    std::string samples = std::string(BP_SOURCE_DIR) + "/samples/";
    auto plan_only = bp::pipeline::run({samples + "plan-workforce.xlsx", samples + "plan-early-help-partnerships.xlsx"}, opts);
    auto kpi_only = bp::pipeline::run({samples + "kpi-highlight-indicators.xlsx"}, opts);
    REQUIRE(!plan_only.actions.empty());
    REQUIRE(plan_only.measures.empty());
    REQUIRE(kpi_only.actions.empty());
    REQUIRE(!kpi_only.measures.empty());

    std::string plan = squash(pdftotext(write_report("plan-only", plan_only)));
    CHECK(plan.find("Summary of progress") != std::string::npos);
    CHECK(plan.find("Actions rated red or amber") != std::string::npos);
    for (const char* gone : {"Key performance indicators", "key performance indicator", "Indicators rated red",
                             "No indicator is rated red"})
        CHECK_MESSAGE(plan.find(gone) == std::string::npos, gone);

    std::string kpi = squash(pdftotext(write_report("kpi-only", kpi_only)));
    CHECK(kpi.find("Key performance indicators") != std::string::npos);
    CHECK(kpi.find("Indicators rated red") != std::string::npos);
    for (const char* gone : {"Summary of progress", "progress on the 0 actions", "Actions rated red or amber",
                             "No improvement plan actions"})
        CHECK_MESSAGE(kpi.find(gone) == std::string::npos, gone);
}


TEST_CASE("pdf::a public pack shows small counts as c, with the footnote, and the internal pack keeps them") {
    bp::model::Pack pack = sample_pack();
    // A threshold of 280 hides 1.3's count of 274 (1.4's 291 and 1.2's 790 stay) and every numerator up to 280.
    REQUIRE(bp::check::suppress_small_numbers(pack, 280) > 0);
    const bp::model::KpiMeasure* hidden = nullptr;
    for (const auto& m : pack.measures)
        if (m.ref == "1.3") hidden = &m;
    REQUIRE(hidden);
    REQUIRE(hidden->suppressed.value);
    std::string text = squash(pdftotext(write_report("public", pack)));
    CHECK(text.find("c: suppressed, a count of 1 to 280 children") != std::string::npos);
    CHECK(text.find(" 274 ") == std::string::npos);
    CHECK(text.find(" 291 ") != std::string::npos);
    CHECK(text.find(" 790 ") != std::string::npos);
    std::string internal = squash(pdftotext(samples_pdf("internal")));
    CHECK(internal.find(" 274 ") != std::string::npos);
    CHECK(internal.find("c: suppressed") == std::string::npos);

    auto j = bp::render::summary_json(pack, {"scorecard.xlsx", "board-report.pdf"});
    CHECK(j["suppression"]["threshold"] == 280);
    for (const auto& m : j["kpis"]["measures"])
        if (m["ref"] == "1.3") {
            CHECK(m["value"].is_null());
            CHECK(m["suppressed"][0] == "value");
        }
}

namespace {

const std::string k_url =
    "https://intranet.council.example/children/improvement/plan/2026-27/actions/QP1.12-review-of-practice-standards.docx";

// A plan-only pack of six red actions in one section.
bp::model::Pack red_actions_pack() {
    bp::model::Pack r;
    r.inputs.push_back({"plan.xlsx", bp::model::InputKind::plan, bp::model::InputStatus::ok, 6});
    r.period = bp::YearMonth{2026, 10};
    bp::model::SectionCount s{"Quality of practice"};
    for (int i = 0; i < 6; ++i) {
        bp::model::PlanAction a;
        a.ref = "QP1." + std::to_string(i + 10);
        a.section = s.name;
        a.action = "Review practice standards";
        a.lead = "Head of Service";
        a.status = bp::model::PlanStatus::red;
        a.progress = "Audit booked with the principal social worker.";
        s.add(a.status);
        r.actions.push_back(std::move(a));
    }
    r.sections.push_back(s);
    r.plan_total = bp::model::total_of(r.sections);
    return r;
}

// Its Exceptions hold a long URL in an action and a 300-character word in a progress update.
bp::model::Pack long_word_pack() {
    auto r = red_actions_pack();
    r.actions[1].action = "Review practice standards, see " + k_url + " for the plan";
    r.actions[2].progress = std::string(300, 'w') + " end.";
    return r;
}

std::string without_spaces(const std::string& s) {
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

}  // namespace

TEST_CASE("pdf::a long URL and a 300-character word break inside their columns, headers whole, no text lost") {
    const auto pack = long_word_pack();
    auto fonts = find_fonts("", "");
    REQUIRE(fonts.ok());
    auto doc = Document::create(fonts.value());
    REQUIRE(doc.ok());
    const Document& m = *doc.value();
    Layout layout = layout_board_report(pack, default_report_template(), m);
    std::string drawn;  // the Exceptions table's texts, in order
    int pages = 0;
    for (const auto& page : layout.pages) {
        if (page.section.find("Exceptions") == std::string::npos) continue;
        // The header's cells: filled rectangles holding "Ref" .. "Progress update", on one line each.
        const TextOp* ref = nullptr;
        for (const auto& op : page.ops)
            if (const auto* t = std::get_if<TextOp>(&op); t && t->text == "Ref") ref = t;
        if (!ref) continue;
        ++pages;
        std::vector<Box> columns;
        for (const auto& op : page.ops)
            if (const auto* r = std::get_if<RectOp>(&op);
                r && r->fill && r->box.y < ref->baseline && r->box.y + r->box.h > ref->baseline)
                columns.push_back(r->box);
        REQUIRE(columns.size() >= 5);
        for (const char* h : {"Ref", "Action", "Lead", "Due", "RAG", "Progress update"}) {
            int n = 0;
            for (const auto& op : page.ops)
                if (const auto* t = std::get_if<TextOp>(&op)) n += t->text == h;
            CHECK_MESSAGE(n == 1, h << " is not whole on one line");
        }
        const double header_bottom = columns[0].y + columns[0].h;
        const double table_right = columns.back().x + columns.back().w;
        const double foot = page.size.height - 58;  // the bottom margin: the footer is below it
        std::vector<Box> spanning;                  // group rows, across the table
        for (const auto& op : page.ops)
            if (const auto* r = std::get_if<RectOp>(&op); r && r->fill && r->box.w > table_right - columns[0].x - 1)
                spanning.push_back(r->box);
        // The table's texts: from its header to the next heading (a larger size).
        bool in_table = false;
        for (const auto& op : page.ops) {
            const auto* t = std::get_if<TextOp>(&op);
            if (!t) continue;
            if (t == ref) in_table = true;
            if (t->style.size > ref->style.size + 0.5) in_table = false;
            if (!in_table || t->baseline <= header_bottom || t->baseline > foot) continue;
            auto col = std::find_if(columns.begin(), columns.end(),
                                    [&](const Box& b) { return t->x >= b.x - 0.01 && t->x < b.x + b.w; });
            REQUIRE(col != columns.end());
            bool across = std::any_of(spanning.begin(), spanning.end(), [&](const Box& b) {
                return t->baseline > b.y && t->baseline < b.y + b.h;
            });
            drawn += t->text;
            double right = t->x + m.width(t->text, t->style.font, t->style.size);
            CHECK_MESSAGE(right <= (across ? table_right : col->x + col->w) + 0.01,
                          "'" << t->text << "' runs past its column");
            CHECK(t->text.find("…") == std::string::npos);
        }
        // Every column keeps room for a few characters: none squeezed to "R/e/f".
        for (const auto& b : columns) CHECK(b.w >= 20);
    }
    CHECK(pages >= 1);
    const std::string flat = without_spaces(drawn);
    CHECK(flat.find(k_url) != std::string::npos);                       // every character, in order
    CHECK(flat.find(std::string(300, 'w') + "end.") != std::string::npos);

    // The same through the PDF's text: headers on one line, the URL whole once the breaks are joined.
    std::string path = write_report("long-words", pack);
    std::string text = pdftotext(path, "-layout");
    CHECK(has_line(text, R"(\bRef\b.*\bAction\b.*\bRAG\b.*\bProgress update\b)"));
    CHECK(without_spaces(pdftotext(path, "-raw")).find(k_url) != std::string::npos);
}

TEST_CASE("pdf::a progress update of 200 lines carries on over pages under the repeated header") {
    auto pack = red_actions_pack();
    std::string update;
    for (int i = 0; i < 200; ++i) update += fmt::format("update line {}\n", i);
    pack.actions[1].progress = update;
    std::string path = write_report("tall-cell", pack);
    int pages = page_count(path), exception_pages = 0;
    std::vector<int> seen;
    for (int p = 1; p <= pages; ++p) {
        std::string text = pdftotext(path, fmt::format("-f {} -l {} -raw", p, p));
        if (text.find("update line") == std::string::npos) continue;
        // The row starts under the one before it, not on a page of its own.
        if (++exception_pages == 1) CHECK(text.find("QP1.10") != std::string::npos);
        CHECK(text.find("Progress update") != std::string::npos);  // the header on every page of the row
        std::regex line(R"(update line (\d+))");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), line); it != std::sregex_iterator(); ++it)
            seen.push_back(std::stoi((*it)[1]));
        CHECK(text.find("…") == std::string::npos);
    }
    CHECK(exception_pages >= 3);
    REQUIRE(seen.size() == 200);  // no line lost or repeated, in order
    for (int i = 0; i < 200; ++i) CHECK(seen[static_cast<std::size_t>(i)] == i);
    // The rows after it are all there too.
    CHECK(squash(pdftotext(path)).find("QP1.15") != std::string::npos);
}

TEST_CASE("render::missing_glyphs_note") {
    CHECK_FALSE(missing_glyphs_note({}).has_value());
    auto emoji = missing_glyphs_note({U'\U0001F600'});
    REQUIRE(emoji.has_value());
    CHECK(emoji->find("1 character(s)") != std::string::npos);
    CHECK(emoji->find("\xF0\x9F\x98\x80 (U+1F600)") != std::string::npos);
    CHECK(emoji->find("beyond U+FFFF") != std::string::npos);
    CHECK(emoji->find("fonts-droid-fallback") == std::string::npos);  // no font would help
    auto han = missing_glyphs_note({U'\u4E2D', U'\u6587'});
    REQUIRE(han.has_value());
    CHECK(han->find("\xE4\xB8\xAD (U+4E2D), \xE6\x96\x87 (U+6587)") != std::string::npos);
    CHECK(han->find("fonts-droid-fallback") != std::string::npos);
    CHECK(han->find("font_fallback =") != std::string::npos);
    std::vector<char32_t> many;
    for (char32_t c = 0x4E00; c < 0x4E00 + 12; ++c) many.push_back(c);
    CHECK(missing_glyphs_note(many)->find("and 4 more") != std::string::npos);
}
