// Unit tests of the front ends' own pieces: upload ids and folders, the zip
// writer behind board-pack.zip, finding batch packs in a folder, and gathering
// inputs around boardpack's own outputs.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "app/batch.hpp"
#include "app/serve.hpp"
#include "app/upload_store.hpp"
#include "util/output_folder.hpp"
#include "util/zip.hpp"
#include "util/zip_writer.hpp"

#include "../support/scratch.hpp"

namespace fs = std::filesystem;
using namespace bp;
using bp::test::scratch;
using bp::test::write;

TEST_CASE("app::random_id") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        auto id = app::random_id();
        REQUIRE(id.ok());
        CHECK(app::is_upload_id(*id));
        seen.insert(*id);
    }
    CHECK(seen.size() == 1000);
}

TEST_CASE("app::is_upload_id") {
    CHECK(app::is_upload_id("0123456789abcdef0123456789abcdef"));
    CHECK_FALSE(app::is_upload_id("0123456789ABCDEF0123456789abcdef"));
    CHECK_FALSE(app::is_upload_id("0123456789abcdef0123456789abcde"));
    CHECK_FALSE(app::is_upload_id("0123456789abcdef0123456789abcdef0"));
    CHECK_FALSE(app::is_upload_id("../456789abcdef0123456789abcdef0"));
    CHECK_FALSE(app::is_upload_id(""));
}

TEST_CASE("app::UploadStore") {
    fs::path parent = scratch("store");
    fs::path root;
    SUBCASE("uploads get private folders, found only by their own id") {
        auto store = app::UploadStore::open(std::chrono::hours(1), parent.string());
        REQUIRE(store.ok());
        root = (*store)->root();
        CHECK((fs::status(root).permissions() & fs::perms::all) == fs::perms::owner_all);
        auto a = (*store)->create();
        auto b = (*store)->create();
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CHECK(a->id != b->id);
        CHECK(fs::is_directory(a->dir));
        CHECK_FALSE((*store)->find(a->id));  // not downloadable while its request is in progress
        CHECK((*store)->publish(a->id));
        CHECK((*store)->find(a->id) == a->dir);
        CHECK_FALSE((*store)->find("../" + a->id.substr(3)));
        CHECK_FALSE((*store)->find(std::string(32, '0')));
        CHECK((*store)->sweep() == 0);
        (*store)->remove(a->id);
        CHECK_FALSE(fs::exists(a->dir));
        CHECK_FALSE((*store)->find(a->id));
    }
    SUBCASE("expired uploads are not found, and are swept away") {
        auto store = app::UploadStore::open(std::chrono::milliseconds(50), parent.string());
        REQUIRE(store.ok());
        root = (*store)->root();
        auto a = (*store)->create();
        REQUIRE(a.ok());
        write(a->dir / "summary.json", "{}");
        auto pending = (*store)->create();  // its request removes it, not the janitor
        REQUIRE(pending.ok());
        REQUIRE((*store)->publish(a->id));
        std::this_thread::sleep_for(std::chrono::milliseconds(80));
        CHECK_FALSE((*store)->find(a->id));
        CHECK((*store)->sweep() == 1);
        CHECK_FALSE(fs::exists(a->dir));
        CHECK(fs::exists(pending->dir));
    }
    SUBCASE("stored packs are capped by count and bytes, oldest expired first") {
        auto store = app::UploadStore::open(std::chrono::hours(1), parent.string(), app::StoreLimits{3, 10000});
        REQUIRE(store.ok());
        root = (*store)->root();
        std::vector<app::UploadStore::Upload> ups;
        for (int i = 0; i < 4; ++i) {
            auto u = (*store)->create();
            REQUIRE(u.ok());
            write(u->dir / "summary.json", std::string(1000, 'x'));
            REQUIRE((*store)->publish(u->id));
            ups.push_back(*u);
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        CHECK_FALSE((*store)->find(ups[0].id));  // the fourth pushed the first out
        CHECK_FALSE(fs::exists(ups[0].dir));
        for (int i = 1; i < 4; ++i) CHECK((*store)->find(ups[i].id));
        CHECK((*store)->usage().packs == 3);
        CHECK((*store)->usage().bytes == 3000);
        auto big = (*store)->create();  // 8500 bytes: the two oldest must go to fit 10000
        REQUIRE(big.ok());
        write(big->dir / "board-report.pdf", std::string(8500, 'x'));
        REQUIRE((*store)->publish(big->id));
        CHECK_FALSE((*store)->find(ups[1].id));
        CHECK_FALSE((*store)->find(ups[2].id));
        CHECK((*store)->find(ups[3].id));
        CHECK((*store)->usage().bytes == 9500);
        auto huge = (*store)->create();  // over the cap on its own: refused, the others stay
        REQUIRE(huge.ok());
        write(huge->dir / "board-report.pdf", std::string(10001, 'x'));
        CHECK_FALSE((*store)->publish(huge->id));
        CHECK_FALSE(fs::exists(huge->dir));
        CHECK((*store)->find(big->id));
        CHECK((*store)->find(ups[3].id));
    }
    CHECK_FALSE(fs::exists(root));  // the store removes its root when it goes
    fs::remove_all(parent);
}

TEST_CASE("app::download_names") {
    const auto& names = app::download_names();
    CHECK(names.back() == app::k_bundle_name);
    for (const auto& n : names) CHECK(n.find('/') == std::string::npos);
}

TEST_CASE("ZipWriter") {
    fs::path dir = scratch("zip");
    write(dir / "a.json", "{\"a\": 1}");
    auto w = ZipWriter::create((dir / "out.zip").string());
    REQUIRE(w.ok());
    REQUIRE(w->add_file("a.json", (dir / "a.json").string()).ok());
    REQUIRE(w->add_bytes("dir/b.txt", std::string(10000, 'b')).ok());
    REQUIRE(w->close().ok());
    auto z = ZipArchive::open_file((dir / "out.zip").string(), "out.zip", ZipLimits{});
    REQUIRE(z.ok());
    REQUIRE(z->entries().size() == 2);
    CHECK(z->entries()[0].name == "a.json");
    CHECK(z->entries()[1].comp_size < 10000);  // deflated
    CHECK(z->read_all(z->entries()[0], 1000).value() == "{\"a\": 1}");
    CHECK(z->read_all(z->entries()[1], 20000).value() == std::string(10000, 'b'));

    SUBCASE("a missing source fails and leaves no archive") {
        auto bad = ZipWriter::create((dir / "bad.zip").string());
        REQUIRE(bad.ok());
        Status s = bad->add_file("x", (dir / "missing").string());
        if (s) s = bad->close();
        CHECK_FALSE(s.ok());
        CHECK_FALSE(fs::exists(dir / "bad.zip"));
    }
    fs::remove_all(dir);
}

TEST_CASE("app::find_packs") {
    fs::path in = scratch("packs");
    write(in / "team-a" / "one.xlsx", "x");
    write(in / "team-a" / "sub" / "two.xlsm", "x");
    write(in / "team-a" / "notes.txt", "x");
    write(in / "team-b.xlsx", "x");
    write(in / "Team-A.xlsx", "x");  // same name as the folder, differently cased
    write(in / "old.xls", "x");
    write(in / "~$team-b.xlsx", "x");
    write(in / ".hidden.xlsx", "x");
    write(in / "readme.txt", "x");
    // A pack folder copied in: boardpack's own outputs, by its manifest.
    {
        OutputFolder pack(in / "last-month", app::output_names(), "boardpack test");
        auto path = pack.stage("scorecard.xlsx");
        REQUIRE(path.ok());
        write(*path, "scorecard");
        REQUIRE(pack.commit().ok());
    }
    // A team's own scorecard.xlsx (no manifest) is a submission like any other.
    write(in / "team-c" / "scorecard.xlsx", "x");
    auto found = app::find_packs(in);
    auto& packs = found.packs;
    std::vector<std::string> names;
    for (const auto& p : packs) names.push_back(p.name);
    CHECK(names == std::vector<std::string>{"Team-A", "old", "team-a-2", "team-b", "team-c"});
    CHECK(found.outputs == std::vector<std::string>{"last-month"});
    CHECK(packs[2].folder);
    CHECK(packs[2].files.size() == 2);
    CHECK(packs[3].files == std::vector<std::string>{(in / "team-b.xlsx").string()});
    CHECK(packs[4].files == std::vector<std::string>{(in / "team-c" / "scorecard.xlsx").string()});
    fs::remove_all(in);
}

TEST_CASE("pipeline::gather") {
    fs::path in = scratch("gather");
    write(in / "team" / "plan.xlsx", "x");
    {
        OutputFolder pack(in / "team", app::output_names(), "boardpack test");
        auto path = pack.stage("scorecard.xlsx");
        REQUIRE(path.ok());
        write(*path, "ours");
        REQUIRE(pack.commit().ok());
    }
    auto g = pipeline::gather({in.string()});
    CHECK(g.files == std::vector<std::string>{(in / "team" / "plan.xlsx").string()});
    CHECK(g.outputs == std::vector<std::string>{(in / "team" / "scorecard.xlsx").string()});
    SUBCASE("an output edited since is the user's again, and read") {
        write(in / "team" / "scorecard.xlsx", "edited");
        CHECK(pipeline::gather({in.string()}).files.size() == 2);
    }
    SUBCASE("a file named explicitly is read even when it is an output") {
        CHECK(pipeline::gather({(in / "team" / "scorecard.xlsx").string()}).files.size() == 1);
    }
    SUBCASE("staging folders are never searched") {
        write(in / ".team.boardpack-stage-host-1-0" / "scorecard.xlsx", "x");
        CHECK(pipeline::gather({in.string()}).files.size() == 1);
    }
    fs::remove_all(in);
}
