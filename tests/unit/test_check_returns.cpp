// The submission tracker: the returns list's reading errors (file, line, what
// to do) and each way a return is matched: on time, late by its file time, by
// the list's date or by --received, missing, not yet due, unexpected, wrong kind.
#include <doctest/doctest.h>

#include <algorithm>

#include "check/returns_list.hpp"
#include "check/track_returns.hpp"
#include "util/glob.hpp"

using namespace bp;
using namespace bp::check;

namespace {

const char* const k_list = R"([return]
team = Workforce
lead = Jo Bloggs
files = plan-workforce*.xlsx
kind = plan
due = 2026-11-13

[return]
team = Performance
files = KPI-highlight-*.xlsx
kind = kpi
due = 2026-11-13
)";

// The error of a list that must not read, with its line checked against the message's "line N:".
Error list_error(const std::string& text) {
    auto r = parse_returns_list(text, "returns.ini");
    REQUIRE_FALSE(r);
    Error e = r.take_error();
    CHECK(e.where.file == "returns.ini");
    if (e.where.line > 0) CHECK(e.message.rfind("line " + std::to_string(e.where.line) + ": ", 0) == 0);
    return e;
}

std::string with(const std::string& block_lines) { return "[return]\n" + block_lines; }
const std::string k_block = "team = T\nfiles = t*.xlsx\nkind = plan\ndue = 2026-11-13\n";

// Noon UTC on the day: the same local date in every time zone within 11 hours of UTC.
std::time_t noon(CivilDate d) { return static_cast<std::time_t>(days_from_civil(d) * 86400 + 12 * 3600); }

model::Input input(std::string file, model::InputKind kind, std::optional<CivilDate> modified) {
    model::Input in;
    in.file = std::move(file);
    in.kind = kind;
    if (modified) in.facts.modified = noon(*modified);
    return in;
}

ReturnsList list_of(const char* text) {
    auto r = parse_returns_list(text, "returns.ini");
    REQUIRE(r);
    return std::move(r).value();
}

const model::Issue* issue(const model::Issues& issues, const std::string& code) {
    auto it = std::find_if(issues.begin(), issues.end(), [&](const model::Issue& i) { return i.code == code; });
    return it == issues.end() ? nullptr : &*it;
}

constexpr CivilDate k_due{2026, 11, 13};
constexpr CivilDate k_report{2026, 11, 21};

}  // namespace

TEST_CASE("check::parse_returns_list reads each [return] block") {
    auto list = list_of(k_list);
    REQUIRE(list.expected.size() == 2);
    const auto& w = list.expected[0];
    CHECK(w.team == "Workforce");
    CHECK(w.lead == "Jo Bloggs");
    CHECK(w.pattern == "plan-workforce*.xlsx");
    CHECK(w.kind == model::InputKind::plan);
    CHECK(w.due == k_due);
    CHECK(w.line == 1);
    CHECK(list.expected[1].kind == model::InputKind::kpi);
    CHECK(list.expected[1].lead.empty());
    CHECK(list.expected[1].line == 8);
    CHECK(list.path == "returns.ini");
    // A UTF-8 byte order mark, comments, ; comments, any case of keys and kind
    auto other = list_of("\xEF\xBB\xBF# list\n[Return]\n; team\nTEAM = Caf\xC3\xA9\nFiles = a.xlsx\nkind = KPI\ndue = 2026-12-01\n"
                         "received = 2026-11-30\n");
    CHECK(other.expected[0].team == "Caf\xC3\xA9");
    CHECK(other.expected[0].kind == model::InputKind::kpi);
    CHECK(other.expected[0].received == CivilDate{2026, 11, 30});
    CHECK(other.expected[0].received_from == model::ReceivedFrom::returns_list);
}

TEST_CASE("check::parse_returns_list: errors name the line and say what to do") {
    SUBCASE("unknown block") {
        auto e = list_error("[report]\nteam = T\n");
        CHECK(e.where.line == 1);
        CHECK(e.message.find("[return] block") != std::string::npos);
    }
    SUBCASE("setting before any block") {
        auto e = list_error("team = T\n" + with(k_block));
        CHECK(e.where.line == 1);
        CHECK(e.message.find("before any [return]") != std::string::npos);
    }
    SUBCASE("unknown key") {
        auto e = list_error(with(k_block + "owner = X\n"));
        CHECK(e.where.line == 6);
        CHECK(e.message.find("unknown key 'owner'") != std::string::npos);
        CHECK(e.message.find("team, lead, files, kind, due or received") != std::string::npos);
    }
    SUBCASE("key set twice") {
        auto e = list_error(with(k_block + "team = U\n"));
        CHECK(e.where.line == 6);
        CHECK(e.message.find("first on line 2") != std::string::npos);
    }
    SUBCASE("a required key left out") {
        for (const char* key : {"team", "files", "kind", "due"}) {
            std::string block;
            for (const char* line : {"team = T\n", "files = t*.xlsx\n", "kind = plan\n", "due = 2026-11-13\n"})
                if (std::string(line).rfind(key, 0) != 0) block += line;
            auto e = list_error("# a comment\n" + with(block));
            CHECK(e.where.line == 2);  // the block's heading
            CHECK(e.message.find(std::string("has no '") + key + "'") != std::string::npos);
        }
    }
    SUBCASE("bad kind") {
        auto e = list_error(with("team = T\nfiles = t.xlsx\nkind = plans\ndue = 2026-11-13\n"));
        CHECK(e.where.line == 4);
        CHECK(e.message.find("is not plan or kpi") != std::string::npos);
    }
    SUBCASE("bad dates") {
        for (const char* bad : {"13/11/2026", "2026-02-30", "2026-11-13T10:00:00", "soon"}) {
            auto e = list_error(with(std::string("team = T\nfiles = t.xlsx\nkind = plan\ndue = ") + bad + "\n"));
            CHECK(e.where.line == 5);
            CHECK(e.message.find("is not a date: write it as YYYY-MM-DD") != std::string::npos);
        }
        auto e = list_error(with(k_block + "received = yesterday\n"));
        CHECK(e.where.line == 6);
    }
    SUBCASE("a folder in files") {
        auto e = list_error(with("team = T\nfiles = in/t.xlsx\nkind = plan\ndue = 2026-11-13\n"));
        CHECK(e.message.find("file name only") != std::string::npos);
    }
    SUBCASE("empty value") {
        auto e = list_error(with("team =\n"));
        CHECK(e.message.find("'team' has no value") != std::string::npos);
    }
    SUBCASE("the same return twice") {
        auto e = list_error(with(k_block) + "\n" + with("team = U\nfiles = T*.XLSX\nkind = plan\ndue = 2026-12-01\n"));
        CHECK(e.where.line == 7);
        CHECK(e.message.find("the one on line 1") != std::string::npos);
    }
    SUBCASE("not key = value") {
        auto e = list_error(with(k_block + "just words\n"));
        CHECK(e.where.line == 6);
        CHECK(e.message.find("is not 'key = value'") != std::string::npos);
    }
    SUBCASE("not UTF-8") {
        auto e = list_error(with("team = Caf\xE9\n"));
        CHECK(e.where.line == 2);
    }
    SUBCASE("no return at all") {
        auto e = list_error("# nothing yet\n");
        CHECK(e.where.line == 0);
        CHECK(e.message.find("names no return") != std::string::npos);
    }
    SUBCASE("a file that is not there") {
        auto r = load_returns_list("/nonexistent/returns.ini");
        REQUIRE_FALSE(r);
        CHECK(to_string(r.error()).find("/nonexistent/returns.ini: cannot be opened") == 0);
    }
}

TEST_CASE("check::parse_received") {
    auto r = parse_received("plan-workforce.xlsx=2026-11-21");
    REQUIRE(r);
    CHECK(r->file == "plan-workforce.xlsx");
    CHECK(r->date == CivilDate{2026, 11, 21});
    for (const char* bad : {"plan.xlsx", "plan.xlsx=21/11/2026", "=2026-11-21", "plan.xlsx=2026-13-01"}) {
        auto e = parse_received(bad);
        REQUIRE_FALSE(e);
        CHECK(e.error().message.find("is not FILE=YYYY-MM-DD") != std::string::npos);
    }
    CHECK(names_input(*r, "in/Plan-Workforce.XLSX"));
    CHECK(names_input(ReceivedDate{"in/plan-workforce.xlsx", {}}, "in/plan-workforce.xlsx"));
    CHECK_FALSE(names_input(ReceivedDate{"other/plan-workforce.xlsx", {}}, "in/plan-workforce.xlsx"));
    CHECK_FALSE(names_input(*r, "in/plan-workforce-2.xlsx"));
}

TEST_CASE("check::track_returns: on time, late, missing, not yet due, unexpected") {
    using model::InputKind;
    using model::ReturnState;
    auto list = list_of(k_list);
    model::Issues issues;

    SUBCASE("on time by the file's time (on the due day itself)") {
        auto t = track_returns(list, {input("in/plan-workforce.xlsx", InputKind::plan, k_due),
                                      input("in/kpi-highlight-oct.xlsx", InputKind::kpi, CivilDate{2026, 11, 1})},
                               k_report, issues);
        REQUIRE(t.entries.size() == 2);
        CHECK(t.list == "returns.ini");
        CHECK(t.entries[0].state == ReturnState::received);
        CHECK(t.entries[0].received == k_due);
        CHECK(t.entries[0].received_from == model::ReceivedFrom::file_time);
        CHECK(t.entries[0].files == std::vector<std::string>{"in/plan-workforce.xlsx"});
        CHECK(t.entries[1].state == ReturnState::received);  // the pattern's case does not matter
        CHECK(issues.empty());
    }
    SUBCASE("late by the file's time") {
        auto t = track_returns(list, {input("in/plan-workforce.xlsx", InputKind::plan, CivilDate{2026, 11, 16}),
                                      input("in/kpi-highlight-oct.xlsx", InputKind::kpi, k_due)},
                               k_report, issues);
        CHECK(t.entries[0].state == ReturnState::late);
        CHECK(t.entries[0].received == CivilDate{2026, 11, 16});
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].code == "return-late");
        CHECK(issues[0].severity == model::Severity::info);
        CHECK(issues[0].file == "in/plan-workforce.xlsx");
        CHECK(issues[0].message.find("3 days after it was due on 13/11/2026") != std::string::npos);
        CHECK(issues[0].message.find("--received FILE=YYYY-MM-DD") != std::string::npos);  // how to correct a wrong time
    }
    SUBCASE("--received over the file's time, either way") {
        list.received = {{"plan-workforce.xlsx", CivilDate{2026, 11, 14}}, {"in/kpi-highlight-oct.xlsx", CivilDate{2026, 11, 12}}};
        auto t = track_returns(list, {input("in/plan-workforce.xlsx", InputKind::plan, CivilDate{2026, 11, 1}),
                                      input("in/kpi-highlight-oct.xlsx", InputKind::kpi, CivilDate{2026, 11, 20})},
                               k_report, issues);
        CHECK(t.entries[0].state == ReturnState::late);
        CHECK(t.entries[0].received == CivilDate{2026, 11, 14});
        CHECK(t.entries[0].received_from == model::ReceivedFrom::option);
        CHECK(t.entries[1].state == ReturnState::received);  // late by its file time, on time by --received
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].message.find("(--received), 1 day after") != std::string::npos);
    }
    SUBCASE("the list's received date over the file's time, --received over both") {
        auto logged = list_of("[return]\nteam = T\nfiles = t.xlsx\nkind = plan\ndue = 2026-11-13\nreceived = 2026-11-15\n");
        auto t = track_returns(logged, {input("t.xlsx", InputKind::plan, CivilDate{2026, 11, 2})}, k_report, issues);
        CHECK(t.entries[0].state == ReturnState::late);
        CHECK(t.entries[0].received_from == model::ReceivedFrom::returns_list);
        logged.received = {{"t.xlsx", CivilDate{2026, 11, 13}}};
        t = track_returns(logged, {input("t.xlsx", InputKind::plan, CivilDate{2026, 11, 2})}, k_report, issues);
        CHECK(t.entries[0].state == ReturnState::received);
    }
    SUBCASE("missing after the due date, awaited before it") {
        auto t = track_returns(list, {input("in/kpi-highlight-oct.xlsx", InputKind::kpi, k_due)}, k_report, issues);
        CHECK(t.entries[0].state == ReturnState::missing);
        CHECK(t.entries[0].files.empty());
        CHECK_FALSE(t.entries[0].received);
        const auto* m = issue(issues, "return-missing");
        REQUIRE(m);
        CHECK(m->severity == model::Severity::warning);
        CHECK(m->file == "returns.ini");
        CHECK(m->message.rfind("line 1: Workforce's improvement plan (lead Jo Bloggs) was due on 13/11/2026", 0) == 0);
        issues.clear();
        t = track_returns(list, {input("in/kpi-highlight-oct.xlsx", InputKind::kpi, k_due)}, k_due, issues);
        CHECK(t.entries[0].state == ReturnState::awaited);  // due today: not missing yet
        CHECK(issues.empty());
    }
    SUBCASE("unexpected: an input no return is named like") {
        auto t = track_returns(list, {input("in/plan-workforce.xlsx", InputKind::plan, k_due),
                                      input("in/kpi-highlight-oct.xlsx", InputKind::kpi, k_due),
                                      input("in/budget.xlsx", InputKind::unrecognised, CivilDate{2026, 11, 3})},
                               k_report, issues);
        REQUIRE(t.entries.size() == 3);
        CHECK(t.entries[2].state == ReturnState::unexpected);
        CHECK(t.entries[2].team.empty());
        CHECK(t.entries[2].files == std::vector<std::string>{"in/budget.xlsx"});
        CHECK(t.entries[2].received == CivilDate{2026, 11, 3});
        const auto* u = issue(issues, "return-unexpected");
        REQUIRE(u);
        CHECK(u->file == "in/budget.xlsx");
        CHECK(u->severity == model::Severity::info);
        CHECK(issues.size() == 1);
    }
    SUBCASE("wrong kind: KPIs where a plan was expected; a workbook with both is either") {
        auto t = track_returns(list, {input("in/plan-workforce.xlsx", InputKind::kpi, k_due),
                                      input("in/kpi-highlight-oct.xlsx", InputKind::mixed, k_due)},
                               k_report, issues);
        CHECK(t.entries[0].wrong_kind);
        CHECK(t.entries[0].state == ReturnState::received);  // it came, on time: what it holds is the finding
        CHECK_FALSE(t.entries[1].wrong_kind);
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].code == "return-wrong-kind");
        CHECK(issues[0].severity == model::Severity::warning);
        CHECK(issues[0].file == "in/plan-workforce.xlsx");
        CHECK(issues[0].message.rfind("holds a KPI return, but the returns list expects Workforce's improvement plan", 0) == 0);
    }
    SUBCASE("a return in two files: received when the last came; an upload has no date") {
        auto t = track_returns(list, {input("in/plan-workforce.xlsx", InputKind::plan, CivilDate{2026, 11, 10}),
                                      input("in/plan-workforce-v2.xlsx", InputKind::plan, CivilDate{2026, 11, 14}),
                                      input("kpi-highlight-oct.xlsx", InputKind::kpi, std::nullopt)},
                               k_report, issues);
        CHECK(t.entries[0].files.size() == 2);
        CHECK(t.entries[0].state == ReturnState::late);
        CHECK(t.entries[0].received == CivilDate{2026, 11, 14});
        CHECK(t.entries[1].state == ReturnState::received);
        CHECK_FALSE(t.entries[1].received);
    }
}

TEST_CASE("util::glob_match") {
    CHECK(glob_match("plan-workforce*.xlsx", "Plan-Workforce (2).XLSX"));
    CHECK(glob_match("kpi-??.xlsx", "kpi-10.xlsx"));
    CHECK_FALSE(glob_match("kpi-??.xlsx", "kpi-100.xlsx"));
    CHECK_FALSE(glob_match("plan-workforce*.xlsx", "old-plan-workforce.xlsx"));
}
