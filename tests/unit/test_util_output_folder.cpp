// The pieces behind output safety: SHA-256, boardpack's temporary names and
// when one is stale, path overlap through aliases, and the output folder's
// rules (only its own files replaced, a new set at once, leftovers cleaned).
#include <cstdlib>
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/output_folder.hpp"
#include "util/output_manifest.hpp"
#include "util/path_overlap.hpp"
#include "util/sha256.hpp"
#include "util/temp_names.hpp"

#include "../support/scratch.hpp"

namespace fs = std::filesystem;
using namespace bp;
using bp::test::scratch;
using bp::test::write;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// A process id that is certainly gone: a child that has exited and been reaped.
long dead_pid() {
    pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

const std::vector<std::string> k_names = {"scorecard.xlsx", "board-report.pdf", "summary.json"};

Status publish(OutputFolder& folder, const std::vector<std::pair<std::string, std::string>>& files) {
    for (const auto& [name, text] : files) {
        auto path = folder.stage(name);
        if (!path) return path.take_error();
        write(*path, text);
    }
    return folder.commit();
}

}  // namespace

TEST_CASE("util::sha256") {
    const char* portable = std::getenv("BP_SHA256_PORTABLE");
    if (portable && *portable == '1') CHECK_FALSE(sha256_accelerated());
    MESSAGE("SHA instructions used: " << sha256_accelerated());
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    std::string million(1000000, 'a');
    CHECK(sha256_hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    Sha256 pieces;  // fed in odd pieces, the same digest
    for (std::size_t at = 0; at < million.size(); at += 777) pieces.update(std::string_view(million).substr(at, 777));
    auto d = pieces.finish();
    CHECK(d[0] == 0xcd);
    std::string mixed;  // every byte value, the answer from Python's hashlib
    for (int i = 0; i < 10007; ++i) mixed += static_cast<char>((i * i + 7 * i) % 251);
    CHECK(sha256_hex(mixed) == "a3558ec43a98d5d175dd4291b16f5267fe4b9bf56a03daf9d7216a9e3efa9a7c");
    CHECK(d[31] == 0xd0);
    fs::path dir = scratch("sha");
    write(dir / "f", "abc");
    auto fd = digest_file(dir / "f");
    REQUIRE(fd.ok());
    CHECK(fd->bytes == 3);
    CHECK(fd->sha256 == sha256_hex("abc"));
    CHECK_FALSE(digest_file(dir / "missing").ok());
    fs::remove_all(dir);
}

TEST_CASE("util::temp_name and parse_temp_name") {
    auto t = parse_temp_name(temp_name("scorecard.xlsx", TempKind::file));
    REQUIRE(t);
    CHECK(t->target == "scorecard.xlsx");
    CHECK(t->kind == TempKind::file);
    CHECK(t->pid == ::getpid());
    auto s = parse_temp_name(temp_name("team-a.2", TempKind::stage));
    REQUIRE(s);
    CHECK(s->target == "team-a.2");
    CHECK(s->kind == TempKind::stage);
    CHECK(temp_name("x", TempKind::file) != temp_name("x", TempKind::file));
    // libzip's temporary beside ours, and the older form of boardpack before the manifest
    auto z = parse_temp_name(".scorecard.xlsx.boardpack-tmp-host-12-3.aB9xYz");
    REQUIRE(z);
    CHECK(z->target == "scorecard.xlsx");
    auto legacy = parse_temp_name(".summary.json.tmp-4242-7");
    REQUIRE(legacy);
    CHECK(legacy->target == "summary.json");
    CHECK(legacy->pid == 4242);
    CHECK(legacy->host.empty());
    for (const char* other : {"scorecard.xlsx", ".scorecard.xlsx", ".scorecard.xlsx.tmp-notes", ".x.tmp-1-2-3",
                              ".scorecard.xlsx.boardpack-tmp-host-12", ".scorecard.xlsx.boardpack-tmp--12-3",
                              ".scorecard.xlsx.boardpack-tmp-host-12-3.toolong", "notes.tmp-1-2", "."})
        CHECK_MESSAGE(!parse_temp_name(other), other);
}

TEST_CASE("util::is_stale") {
    fs::path dir = scratch("stale");
    auto check = [&](const std::string& name) {
        write(dir / name, "x");
        auto t = parse_temp_name(name);
        REQUIRE(t);
        return is_stale(dir / name, *t);
    };
    std::string mine = temp_name("summary.json", TempKind::file);
    CHECK_FALSE(check(mine));  // this process is running
    std::string host = mine.substr(mine.find("-tmp-") + 5);
    host = host.substr(0, host.find('-'));
    long gone = dead_pid();
    CHECK(check(".summary.json.boardpack-tmp-" + host + "-" + std::to_string(gone) + "-0"));
    CHECK(check(".summary.json.tmp-" + std::to_string(gone) + "-0"));
    // Another host's process cannot be asked: only age makes it stale.
    std::string other = ".summary.json.boardpack-tmp-otherhost" + host + "-" + std::to_string(gone) + "-0";
    CHECK_FALSE(check(other));
    fs::last_write_time(dir / other, fs::file_time_type::clock::now() - k_stale_after - std::chrono::minutes(1));
    CHECK(is_stale(dir / other, *parse_temp_name(other)));
    fs::remove_all(dir);
}

TEST_CASE("util::within") {
    fs::path root = scratch("within");
    fs::create_directories(root / "in" / "team");
    fs::create_directories(root / "in2");
    fs::create_directories(root / "elsewhere");
    fs::create_directory_symlink(root / "in" / "team", root / "link");
    fs::create_directory_symlink(root, root / "elsewhere" / "up");
    CHECK(within(root / "in", root / "in"));
    CHECK(within(root / "in" / "team", root / "in"));
    CHECK_FALSE(within(root / "in", root / "in" / "team"));
    CHECK_FALSE(within(root / "in2", root / "in"));  // a common prefix is not containment
    CHECK(within(root / "link", root / "in"));
    CHECK(within(root / "link" / "not-yet" / "deeper", root / "in"));
    CHECK(within(root / "in" / "team" / ".." / "new", root / "in"));
    CHECK_FALSE(within(root / "in" / ".." / "new", root / "in"));
    CHECK(within(root / "in", root / "elsewhere" / "up"));  // the input lies inside the output, through a link
    CHECK(within(root / "new" / "a" / "b", root / "new" / "a"));  // neither exists yet
    CHECK_FALSE(within(root / "new" / "ab", root / "new" / "a"));
    CHECK(within(root / "elsewhere" / "up" / "in" / "x", root / "link" / ".."));
    fs::remove_all(root);
}

TEST_CASE("util::OutputFolder") {
    fs::path root = scratch("folder");
    fs::path dir = root / "pack";
    auto hidden = [&](const fs::path& d) {
        std::vector<std::string> h;
        for (const auto& n : listing(d))
            if (n[0] == '.' && n != k_manifest_name) h.push_back(n);
        return h;
    };

    SUBCASE("a new folder: the set and its manifest appear together, nothing else is left") {
        OutputFolder f(dir, k_names, "boardpack test");
        REQUIRE(publish(f, {{"scorecard.xlsx", "s1"}, {"summary.json", "j1"}}).ok());
        CHECK(listing(dir) == std::vector<std::string>{k_manifest_name, "scorecard.xlsx", "summary.json"});
        CHECK(listing(root) == std::vector<std::string>{"pack"});
        auto m = read_manifest(dir);
        REQUIRE(m.manifest);
        CHECK(m.manifest->complete);
        CHECK(m.manifest->files.size() == 2);
        CHECK(m.manifest->written_by == "boardpack test");
        CHECK(own_files(dir).size() == 2);
    }
    SUBCASE("boardpack's own set is replaced; an output not written again goes") {
        OutputFolder a(dir, k_names, "t");
        REQUIRE(publish(a, {{"scorecard.xlsx", "s1"}, {"summary.json", "j1"}, {"board-report.pdf", "p1"}}).ok());
        auto inode = fs::status(dir).permissions();
        OutputFolder b(dir, k_names, "t");
        REQUIRE(publish(b, {{"scorecard.xlsx", "s2"}, {"summary.json", "j2"}}).ok());
        CHECK(read(dir / "scorecard.xlsx") == "s2");
        CHECK_FALSE(fs::exists(dir / "board-report.pdf"));
        CHECK(hidden(dir).empty());
        CHECK(listing(root) == std::vector<std::string>{"pack"});
        CHECK(fs::status(dir).permissions() == inode);
    }
    SUBCASE("a file that is not boardpack's is in the way, and stays") {
        write(dir / "scorecard.xlsx", "the team's plan");
        OutputFolder f(dir, k_names, "t");
        CHECK(f.in_the_way() == std::vector<std::string>{"scorecard.xlsx"});
        CHECK_FALSE(publish(f, {{"scorecard.xlsx", "s"}, {"summary.json", "j"}}).ok());
        CHECK(read(dir / "scorecard.xlsx") == "the team's plan");
        CHECK(listing(dir) == std::vector<std::string>{"scorecard.xlsx"});
        CHECK(listing(root) == std::vector<std::string>{"pack"});
        CHECK(in_the_way_message(dir, f.in_the_way()).find("was not written by boardpack") != std::string::npos);
    }
    SUBCASE("an output edited after boardpack wrote it is the user's") {
        OutputFolder a(dir, k_names, "t");
        REQUIRE(publish(a, {{"scorecard.xlsx", "s1"}}).ok());
        write(dir / "scorecard.xlsx", "s1 with the user's notes");
        OutputFolder b(dir, k_names, "t");
        CHECK(b.in_the_way() == std::vector<std::string>{"scorecard.xlsx"});
        CHECK(in_the_way_message(dir, b.in_the_way()).find("was changed after boardpack wrote it") != std::string::npos);
        CHECK_FALSE(publish(b, {{"scorecard.xlsx", "s2"}}).ok());
        CHECK(read(dir / "scorecard.xlsx") == "s1 with the user's notes");
        OutputFolder c(dir, k_names, "t");  // clearing leaves it too
        CHECK(c.commit().ok());
        CHECK(read(dir / "scorecard.xlsx") == "s1 with the user's notes");
    }
    SUBCASE("a symlink or a foreign manifest is never followed or replaced") {
        write(root / "target.txt", "keep");
        fs::create_directories(dir);
        fs::create_symlink(root / "target.txt", dir / "summary.json");
        write(dir / k_manifest_name, "{\"not\": \"ours\"}");
        OutputFolder f(dir, k_names, "t");
        auto way = f.in_the_way();
        CHECK(way == std::vector<std::string>{k_manifest_name, "summary.json"});
        CHECK(f.commit().ok());  // nothing of boardpack's to clear
        CHECK(read(root / "target.txt") == "keep");
        CHECK(read(dir / k_manifest_name) == "{\"not\": \"ours\"}");
    }
    SUBCASE("beside the user's own files: replaced in place, the user's files untouched") {
        write(dir / "notes.txt", "mine");
        write(dir / "budget.xlsx", "mine too");
        OutputFolder a(dir, k_names, "t");
        REQUIRE(publish(a, {{"scorecard.xlsx", "s1"}, {"summary.json", "j1"}}).ok());
        OutputFolder b(dir, k_names, "t");
        REQUIRE(publish(b, {{"scorecard.xlsx", "s2"}, {"summary.json", "j2"}}).ok());
        CHECK(read(dir / "scorecard.xlsx") == "s2");
        CHECK(read(dir / "notes.txt") == "mine");
        CHECK(read(dir / "budget.xlsx") == "mine too");
        CHECK(read_manifest(dir).manifest->complete);
        CHECK(hidden(dir).empty());
        OutputFolder c(dir, k_names, "t");  // clearing: only boardpack's go, the manifest with them
        REQUIRE(c.commit().ok());
        CHECK(listing(dir) == std::vector<std::string>{"budget.xlsx", "notes.txt"});
    }
    SUBCASE("clearing a folder that is boardpack's alone leaves it empty") {
        OutputFolder a(dir, k_names, "t");
        REQUIRE(publish(a, {{"scorecard.xlsx", "s1"}}).ok());
        OutputFolder b(dir, k_names, "t");
        REQUIRE(b.commit().ok());
        CHECK(listing(dir).empty());
        CHECK(listing(root) == std::vector<std::string>{"pack"});
    }
    SUBCASE("staged outputs not committed are removed") {
        {
            OutputFolder f(dir, k_names, "t");
            auto p = f.stage("scorecard.xlsx");
            REQUIRE(p.ok());
            write(*p, "half");
        }
        CHECK(listing(root).empty());
    }
    SUBCASE("leftovers of a killed run are cleaned; anything else is not") {
        long gone = dead_pid();
        std::string host = temp_name("x", TempKind::file);
        host = host.substr(host.find("-tmp-") + 5);
        host = host.substr(0, host.find('-'));
        std::string tag = host + "-" + std::to_string(gone) + "-0";
        write(dir / (".scorecard.xlsx.boardpack-tmp-" + tag), "dead");
        write(dir / (".scorecard.xlsx.boardpack-tmp-" + tag + ".Ab12Cd"), "libzip's, dead");
        write(dir / (std::string(".") + k_manifest_name + ".boardpack-tmp-" + tag), "dead");
        write(dir / (".summary.json.tmp-" + std::to_string(gone) + "-5"), "older boardpack, dead");
        std::string live = temp_name("summary.json", TempKind::file);
        write(dir / live, "this process: running");
        write(dir / (".notes.txt.boardpack-tmp-" + tag), "not an output's name");
        write(dir / ".scorecard.xlsx.tmp-mine", "the user's");
        write(root / (".pack.boardpack-stage-" + tag) / "scorecard.xlsx", "dead staging");
        write(root / (".pack.boardpack-stage-" + tag) / (std::string(k_manifest_name)), "{}");
        write(root / (".other.boardpack-stage-" + tag) / "scorecard.xlsx", "another pack's: left to batch");
        write(root / (".pack.boardpack-stage-" + host + "-" + std::to_string(gone) + "-1") / "mine.txt", "a user's file");
        OutputFolder f(dir, k_names, "t");
        CHECK(listing(dir) == std::vector<std::string>{".notes.txt.boardpack-tmp-" + tag, ".scorecard.xlsx.tmp-mine", live});
        CHECK(listing(root) == std::vector<std::string>{".other.boardpack-stage-" + tag,
                                                        ".pack.boardpack-stage-" + host + "-" + std::to_string(gone) + "-1",
                                                        "pack"});
        remove_stale_stages(root, k_names);
        CHECK(listing(root).size() == 2);  // the staging folder holding a user's file stays
        CHECK(fs::exists(root / (".pack.boardpack-stage-" + host + "-" + std::to_string(gone) + "-1") / "mine.txt"));
    }
    fs::remove_all(root);
}
