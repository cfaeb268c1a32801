// The history database on real files in a temporary folder: record, replace,
// previous, and the files that must be refused with a clear message.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <sqlite3.h>

#include "history/store.hpp"

using namespace bp;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path dir = fs::temp_directory_path() / ("bp-history-test-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(dir); }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(dir, ec);
    }
    std::string file(const char* name) const { return (dir / name).string(); }
};

model::Pack pack_of(YearMonth period, CivilDate as_of, model::PlanStatus status, model::Rating rating, double value) {
    model::Pack p;
    p.period = period;
    p.report_date = as_of;
    p.built_at = 1764859200;  // 2025-12-04T14:40:00Z
    p.tool_version = "0.1.0";
    p.inputs.push_back({"plan.xlsx"});
    p.inputs.back().facts.sha256 = std::string(64, 'a');
    p.inputs.push_back({"kpi.xlsx"});
    p.inputs.back().facts.sha256 = std::string(64, 'b');
    model::PlanAction a;
    a.ref = "1.1";
    a.section = "Leadership";
    a.action = "Appoint a principal social worker";
    a.status = status;
    a.due = CivilDate{2026, 3, 31};
    a.source.file = "plan.xlsx";
    p.actions.push_back(a);
    a.ref = "1.2";
    a.due.reset();
    p.actions.push_back(a);
    model::KpiMeasure m;
    m.ref = "RA02";
    m.title = "Referrals per 10,000";
    m.rag = rating;
    m.value = value;
    m.unit = model::Unit::rate_per_10000;
    m.polarity = model::Polarity::lower;
    m.source.file = "kpi.xlsx";
    p.measures.push_back(m);
    return p;
}

void write_bytes(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

}  // namespace

TEST_CASE("history::Store: record, previous picks the latest earlier period, same period replaced") {
    TempDir t;
    std::string path = t.file("history.sqlite");
    auto store = history::Store::open(path, history::OpenMode::create);
    REQUIRE(store.ok());
    using S = model::PlanStatus;
    using R = model::Rating;
    REQUIRE(store->record(pack_of({2026, 8}, {2026, 9, 15}, S::green, R::green, 40.5), "council").ok());
    REQUIRE(store->record(pack_of({2026, 9}, {2026, 10, 15}, S::amber, R::amber, 45.0), "council").ok());
    REQUIRE(store->record(pack_of({2026, 7}, {2026, 8, 15}, S::red, R::red, 50.0), "council").ok());
    REQUIRE(store->record(pack_of({2026, 9}, {2026, 10, 15}, S::blue, R::red, 99.0), "other").ok());

    SUBCASE("the latest before the period, whatever the order recorded") {
        auto prev = store->previous("council", {2026, 10});
        REQUIRE(prev.ok());
        REQUIRE(prev->has_value());
        const model::PackSnapshot& s = **prev;
        CHECK(s.period == YearMonth{2026, 9});
        CHECK(s.report_date == CivilDate{2026, 10, 15});
        CHECK(s.origin == "history.sqlite");
        REQUIRE(s.actions.size() == 2);
        CHECK(s.actions[0].ref == "1.1");
        CHECK(s.actions[0].section == "Leadership");
        CHECK(s.actions[0].status == S::amber);
        CHECK(s.actions[0].due == CivilDate{2026, 3, 31});
        CHECK(s.actions[0].source_sha256 == std::string(64, 'a'));
        CHECK_FALSE(s.actions[1].due.has_value());
        REQUIRE(s.measures.size() == 1);
        CHECK(s.measures[0].rating == R::amber);
        CHECK(s.measures[0].value == 45.0);
        CHECK(s.measures[0].unit == model::Unit::rate_per_10000);
        CHECK(s.measures[0].polarity == model::Polarity::lower);
        CHECK(s.measures[0].source_sha256 == std::string(64, 'b'));

        auto before_sep = store->previous("council", {2026, 9});
        REQUIRE(before_sep.ok());
        REQUIRE(before_sep->has_value());
        CHECK((*before_sep)->period == YearMonth{2026, 8});
        auto first = store->previous("council", {2026, 7});
        REQUIRE(first.ok());
        CHECK_FALSE(first->has_value());  // nothing before the first pack
        // Reported before a date: Sep's pack (reported 2026-10-15) is not before 2026-10-15.
        auto reported = store->previous("council", {2026, 10}, CivilDate{2026, 10, 15});
        REQUIRE(reported.ok());
        REQUIRE(reported->has_value());
        CHECK((*reported)->period == YearMonth{2026, 8});
        auto unknown = store->previous("nobody", {2027, 1});
        REQUIRE(unknown.ok());
        CHECK_FALSE(unknown->has_value());
    }
    SUBCASE("a rebuild of a period replaces it: one pack, the new rows only") {
        auto again = pack_of({2026, 9}, {2026, 10, 20}, S::red, R::green, 30.0);
        again.actions.pop_back();
        REQUIRE(store->record(again, "council").ok());
        auto list = store->list();
        REQUIRE(list.ok());
        REQUIRE(list->size() == 4);
        const auto& sep = (*list)[2];
        CHECK(sep.pack == "council");
        CHECK(sep.period == YearMonth{2026, 9});
        CHECK(sep.report_date == CivilDate{2026, 10, 20});
        CHECK(sep.actions == 1);
        CHECK(sep.measures == 1);
        auto prev = store->previous("council", {2026, 10});
        REQUIRE(prev.ok());
        REQUIRE(prev->has_value());
        CHECK((*prev)->actions.size() == 1);
        CHECK((*prev)->actions[0].status == S::red);
        CHECK((*prev)->measures[0].value == 30.0);
    }
    SUBCASE("list: by pack, then period, with counts") {
        auto list = store->list();
        REQUIRE(list.ok());
        REQUIRE(list->size() == 4);
        CHECK((*list)[0].period == YearMonth{2026, 7});
        CHECK((*list)[1].period == YearMonth{2026, 8});
        CHECK((*list)[3].pack == "other");
        CHECK((*list)[0].built_at == "2025-12-04T14:40:00Z");
        CHECK((*list)[0].actions == 2);
    }
}

TEST_CASE("history::Store: files that are not a boardpack history are refused, and left as they were") {
    TempDir t;
    SUBCASE("a text file") {
        std::string path = t.file("notes.sqlite");
        write_bytes(path, "pack,period\nsamples,2026-09\n" + std::string(600, 'x'));
        auto s = history::Store::open(path, history::OpenMode::create);
        REQUIRE_FALSE(s.ok());
        CHECK(to_string(s.error()).find("is not a boardpack history (not an SQLite database)") != std::string::npos);
        CHECK(fs::file_size(path) == 628);
    }
    SUBCASE("another program's SQLite database") {
        std::string path = t.file("other.db");
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "CREATE TABLE customers (name TEXT)", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
        auto s = history::Store::open(path, history::OpenMode::create);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().message.find("is an SQLite database but not a boardpack history") != std::string::npos);
    }
    SUBCASE("a damaged history") {
        std::string path = t.file("history.sqlite");
        {
            auto store = history::Store::open(path, history::OpenMode::create);
            REQUIRE(store.ok());
            for (int month = 1; month <= 12; ++month)
                REQUIRE(store->record(pack_of({2025, static_cast<unsigned>(month)}, {2025, 12, 1}, model::PlanStatus::red,
                                              model::Rating::red, month),
                                      "council")
                            .ok());
        }
        // Keep the header, overwrite the pages after it.
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        std::string junk(static_cast<std::size_t>(fs::file_size(path)) - 100, '\xA5');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
        f.close();
        auto s = history::Store::open(path, history::OpenMode::create);
        std::string message;
        if (!s.ok()) {
            message = to_string(s.error());
        } else {
            auto list = s->list();
            REQUIRE_FALSE(list.ok());
            message = to_string(list.error());
        }
        CHECK(message.find("is damaged") != std::string::npos);
        CHECK(message.find("history.sqlite") != std::string::npos);
    }
    SUBCASE("a history from a newer boardpack") {
        std::string path = t.file("history.sqlite");
        REQUIRE(history::Store::open(path, history::OpenMode::create).ok());
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 7", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
        auto s = history::Store::open(path, history::OpenMode::create);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().message.find("newer boardpack (history schema 7; this boardpack knows 1)") != std::string::npos);
    }
    SUBCASE("a missing file, to read") {
        auto s = history::Store::open(t.file("none.sqlite"), history::OpenMode::read);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().message.find("cannot be opened") != std::string::npos);
        CHECK_FALSE(fs::exists(t.file("none.sqlite")));
    }
}

TEST_CASE("history::Store: a read-only history is read, and recording in it fails with a reason") {
    if (::geteuid() == 0) {  // root writes through file permissions; tests/history checks it as another user
        MESSAGE("skipped as root");
        return;
    }
    TempDir t;
    std::string path = t.file("history.sqlite");
    {
        auto store = history::Store::open(path, history::OpenMode::create);
        REQUIRE(store.ok());
        REQUIRE(store->record(pack_of({2026, 8}, {2026, 9, 1}, model::PlanStatus::green, model::Rating::green, 1), "c").ok());
    }
    fs::permissions(path, fs::perms::owner_read);
    fs::permissions(t.dir, fs::perms::owner_read | fs::perms::owner_exec);
    auto store = history::Store::open(path, history::OpenMode::create);
    REQUIRE(store.ok());
    auto prev = store->previous("c", {2026, 9});
    REQUIRE(prev.ok());
    CHECK(prev->has_value());
    auto recorded = store->record(pack_of({2026, 9}, {2026, 10, 1}, model::PlanStatus::red, model::Rating::red, 2), "c");
    REQUIRE_FALSE(recorded.ok());
    CHECK(recorded.error().message.find("cannot be written") != std::string::npos);
}

TEST_CASE("history::Store: a locked history is reported as locked, not as damaged") {
    TempDir t;
    std::string path = t.file("history.sqlite");
    REQUIRE(history::Store::open(path, history::OpenMode::create).ok());
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    auto store = history::Store::open(path, history::OpenMode::create, 50);
    std::string message = store.ok() ? std::string{} : store.error().message;
    if (store.ok()) {
        auto recorded = store->record(pack_of({2026, 9}, {2026, 10, 1}, model::PlanStatus::red, model::Rating::red, 2), "c");
        REQUIRE_FALSE(recorded.ok());
        message = recorded.error().message;
    }
    CHECK(message.find("is locked by another program") != std::string::npos);
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
}
