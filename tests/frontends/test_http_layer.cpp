// Unit tests of the web server's own parsing: text repair, request heads,
// body framing, multipart, the Host/Origin allow-list, and uploads written
// to disk with their limits.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/http/allowed_hosts.hpp"
#include "app/http/body.hpp"
#include "app/http/multipart.hpp"
#include "app/http/request.hpp"
#include "app/upload_receiver.hpp"
#include "util/utf8_repair.hpp"

namespace fs = std::filesystem;
using namespace bp;
using namespace bp::app;

namespace {

const std::string k_fffd = "\xEF\xBF\xBD";

http::Request head_ok(const std::string& text) {
    auto r = http::parse_head(text);
    REQUIRE(std::holds_alternative<http::Request>(r));
    return std::get<http::Request>(r);
}

http::HeadError head_bad(const std::string& text) {
    auto r = http::parse_head(text);
    REQUIRE(std::holds_alternative<http::HeadError>(r));
    return std::get<http::HeadError>(r);
}

// Decodes a whole body fed in pieces of `step` bytes; returns the body or the error code.
std::string decode(const std::string& head, const std::string& wire, std::size_t step, std::uint64_t max = 1 << 20,
                   std::string* rest = nullptr) {
    http::BodyDecoder d(head_ok(head), max);
    std::string out;
    for (std::size_t at = 0; at < wire.size(); at += step) {
        std::string piece = wire.substr(at, step);
        auto s = d.feed(piece, [&](std::string_view b) {
            out.append(b);
            return true;
        });
        if (s.error) return "error:" + s.error->code;
        if (s.done) {
            if (rest) *rest = piece.substr(s.consumed) + wire.substr(at + piece.size());
            return out;
        }
    }
    return "incomplete";
}

struct Recorder : http::MultipartParser::Handler {
    std::ostringstream log;
    bool on_part(const http::PartHead& h) override {
        log << "[" << h.name << "|" << (h.has_filename ? h.filename : "-") << "]";
        return true;
    }
    bool on_data(std::string_view b) override {
        log << b;
        return true;
    }
    bool on_part_end() override {
        log << "/";
        return true;
    }
};

std::string parse_multipart(const std::string& body, std::size_t step, bool* ok = nullptr) {
    Recorder r;
    http::MultipartParser p("XyZ", r);
    bool good = true;
    for (std::size_t at = 0; at < body.size() && good; at += step) good = p.feed(std::string_view(body).substr(at, step));
    good = good && p.finish();
    if (ok) *ok = good;
    return good ? r.log.str() : "error:" + p.error();
}

std::string form(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string b;
    for (const auto& [name, data] : files)
        b += "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
             "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n";
    return b + "--XyZ--\r\n";
}

fs::path scratch(const std::string& name) {
    fs::path p = fs::temp_directory_path() / ("bp-http-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("utf8::repair") {
    CHECK(utf8::repair("plan-workforce.xlsx") == "plan-workforce.xlsx");
    CHECK(utf8::repair("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\x8A") == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\x8A");
    CHECK(utf8::is_valid("caf\xC3\xA9"));
    CHECK(utf8::repair("bad\xFF\xFE.xlsx") == "bad" + k_fffd + k_fffd + ".xlsx");
    // CESU-8 surrogate: ED is not followed by 80-9F, so each byte is its own maximal subpart.
    CHECK_FALSE(utf8::is_valid("\xED\xA0\x80"));
    CHECK(utf8::repair("\xED\xA0\x80") == k_fffd + k_fffd + k_fffd);
    CHECK(utf8::repair("\xC0\xAF") == k_fffd + k_fffd);                   // overlong '/'
    CHECK(utf8::repair("a\xE2\x82") == "a" + k_fffd);                     // truncated at the end
    CHECK(utf8::repair("\xE2\x82" "b") == k_fffd + "b");                  // truncated before ASCII
    CHECK(utf8::repair("\xF4\x90\x80\x80") == k_fffd + k_fffd + k_fffd + k_fffd);  // above U+10FFFF
    CHECK(utf8::is_valid(utf8::repair(std::string("\x80\xBF\xF8\xFC\xFE\xFF\xC2", 7))));
}

TEST_CASE("http::head_end") {
    CHECK(http::head_end("GET / HTTP/1.1\r\nHost: a\r\n\r\nBODY") == 27);
    CHECK(http::head_end("GET / HTTP/1.1\nHost: a\n\nBODY") == 24);
    CHECK(http::head_end("GET / HTTP/1.1\r\nHost: a\r\n") == 0);
    CHECK(http::head_end("GET / HTTP/1.1\r\nHost: a\r\n\r") == 0);
}

TEST_CASE("http::parse_head") {
    SUBCASE("a plain request") {
        auto r = head_ok("GET /api/packs/x/summary.json?a=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nX-A:  v \r\n\r\n");
        CHECK(r.method == "GET");
        CHECK(r.path == "/api/packs/x/summary.json");
        CHECK(r.field_or_empty("host") == "127.0.0.1:8080");
        CHECK(r.field_or_empty("x-a") == "v");
        CHECK(r.keep_alive);
        CHECK_FALSE(r.has_body());
    }
    SUBCASE("lengths") {
        CHECK(*head_ok("POST / HTTP/1.1\r\nContent-Length: 42\r\n\r\n").content_length == 42);
        CHECK(*head_ok("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n").content_length ==
              UINT64_MAX);  // over every limit: 413, not wrapped around
        for (const char* bad : {"-1", "abc", "1e3", "+5", "0x10", "", "1 2", "4,4"})
            CHECK(head_bad(std::string("POST / HTTP/1.1\r\nContent-Length: ") + bad + "\r\n\r\n").code == "bad_length");
        CHECK(head_bad("POST / HTTP/1.1\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n").status == 400);
        CHECK(head_ok("POST / HTTP/1.1\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\n").content_length == 4u);
    }
    SUBCASE("framing a proxy could read differently is refused") {
        CHECK(head_bad("POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n").status == 400);
        CHECK(head_bad("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").status == 501);
        CHECK(head_ok("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n").chunked);
        CHECK(head_bad("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n").status == 400);
        CHECK(head_bad("GET / HTTP/1.1\r\nHost : a\r\n\r\n").status == 400);
        CHECK(head_bad("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status == 400);
        CHECK(head_bad("GET / HTTP/1.1\r\nX: a\x01" "b\r\n\r\n").status == 400);
        CHECK(head_bad("GET /a b HTTP/1.1\r\n\r\n").status == 400);
        CHECK(head_bad("GET /\xC3\xA9 HTTP/1.1\r\n\r\n").status == 400);
        CHECK(head_bad("GET http://evil/ HTTP/1.1\r\n\r\n").status == 400);
        CHECK(head_bad("GET / HTTP/2.0\r\n\r\n").status == 505);
        CHECK(head_bad("GET / HTTP/1.1\r\nExpect: something\r\n\r\n").status == 417);
        CHECK(head_bad("GET / HTTP/1.1\r\nno colon\r\n\r\n").status == 400);
    }
    SUBCASE("header values are valid UTF-8") {
        auto r = head_ok("GET / HTTP/1.1\r\nX-Name: caf\xC3\xA9 \xFF\xED\xA0\x80\r\n\r\n");
        CHECK(r.field_or_empty("x-name") == "caf\xC3\xA9 " + k_fffd + k_fffd + k_fffd + k_fffd);
    }
    SUBCASE("connection handling") {
        CHECK_FALSE(head_ok("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n").keep_alive);
        CHECK_FALSE(head_ok("GET / HTTP/1.0\r\n\r\n").keep_alive);
        CHECK(head_ok("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keep_alive);
        CHECK(head_ok("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n").expect_continue);
    }
    SUBCASE("sizes") {
        http::HeadLimits small{200, 50, 3};
        CHECK(std::get<http::HeadError>(http::parse_head("GET /" + std::string(60, 'a') + " HTTP/1.1\r\n\r\n", small)).status == 414);
        CHECK(std::get<http::HeadError>(http::parse_head("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", small)).status == 431);
        CHECK(std::get<http::HeadError>(http::parse_head("GET / HTTP/1.1\r\nA: " + std::string(300, 'a') + "\r\n\r\n", small)).status == 431);
    }
}

TEST_CASE("http::BodyDecoder") {
    const std::string length = "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n";
    const std::string chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    std::string rest;
    for (std::size_t step : {1u, 2u, 3u, 7u, 1000u}) {
        CAPTURE(step);
        CHECK(decode(length, "hello worldGET / HTTP/1.1", step, 1 << 20, &rest) == "hello world");
        CHECK(rest == "GET / HTTP/1.1");  // the next request is left for the next head
        CHECK(decode(chunked, "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\nNEXT", step, 1 << 20, &rest) ==
              "hello world");
        CHECK(rest == "NEXT");
        CHECK(decode(chunked, "5\nhello\n0\n\n", step) == "hello");
    }
    CHECK(decode(chunked, "zz\r\n", 100) == "error:bad_chunking");
    CHECK(decode(chunked, "5\r\nhelloXX\r\n", 100) == "error:bad_chunking");
    CHECK(decode(chunked, "fffffffffffffffff\r\n", 100) == "error:bad_chunking");
    CHECK(decode(chunked, "5\r\nhello\r\n", 100) == "incomplete");
    // The chunk that would pass the limit is refused at its size line, before its data is read.
    CHECK(decode(chunked, "8\r\n12345678\r\n9\r\n", 100, 16) == "error:request_too_large");
    CHECK(decode(chunked, "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n", 100, 16) == "1234567812345678");
}

TEST_CASE("http::multipart_boundary") {
    CHECK(*http::multipart_boundary("multipart/form-data; boundary=XyZ") == "XyZ");
    CHECK(*http::multipart_boundary("Multipart/Form-Data;boundary=\"a b;c\"; charset=utf-8") == "a b;c");
    CHECK(*http::multipart_boundary("multipart/form-data; charset=utf-8; boundary=q") == "q");
    CHECK_FALSE(http::multipart_boundary("text/plain; boundary=XyZ"));
    CHECK_FALSE(http::multipart_boundary("multipart/form-data"));
    CHECK_FALSE(http::multipart_boundary("multipart/form-data; boundary="));
    CHECK_FALSE(http::multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
}

TEST_CASE("http::MultipartParser") {
    std::string body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
                       "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a;b \\\"q\\\".xlsx\"\r\n\r\n"
                       "data\r\n--Xy not yet\r\n--XyZ  \r\n"
                       "content-disposition: form-data; filename=C:\\fakepath\\t.xlsx; name=files\r\n\r\n\r\n"
                       "--XyZ--\r\nepilogue";
    const std::string want = "[note|-]hi/[files|a;b \"q\".xlsx]data\r\n--Xy not yet/[files|C:\\fakepath\\t.xlsx]/";
    for (std::size_t step : {1u, 2u, 5u, 13u, 10000u}) {
        CAPTURE(step);
        CHECK(parse_multipart(body, step) == want);
    }
    SUBCASE("file names are made valid UTF-8") {
        CHECK(parse_multipart(form({{"bad\xFF.xlsx", "x"}}), 3) == "[files|bad" + k_fffd + ".xlsx]x/");
    }
    SUBCASE("malformed bodies") {
        bool ok = true;
        parse_multipart("--XyZ\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\nno end", 4, &ok);
        CHECK_FALSE(ok);
        parse_multipart("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", 4, &ok);
        CHECK_FALSE(ok);  // no Content-Disposition
        parse_multipart("--XyZgarbage\r\n", 4, &ok);
        CHECK_FALSE(ok);
        parse_multipart("--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"x" + std::string(20000, 'a') +
                            "\"\r\n\r\nx\r\n--XyZ--",
                        1000, &ok);
        CHECK_FALSE(ok);  // part header over 16 KiB
        parse_multipart("", 1, &ok);
        CHECK_FALSE(ok);
    }
}

TEST_CASE("http::AllowedHosts") {
    http::AllowedHosts loop("127.0.0.1", 8080);
    for (const char* good : {"127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080"})
        CHECK_MESSAGE(loop.allows_host(good), good);
    for (const char* bad : {"", "127.0.0.1", "localhost", "127.0.0.1:8081", "127.evil.example:8080",
                            "127.0.0.1.evil.example:8080", "localhost.evil:8080", "localhost.:8080", "127.0.0.2:8080",
                            "127.1:8080", "evil.example", "127.0.0.1:8080@evil", "[::1]", "0.0.0.0:8080"})
        CHECK_FALSE_MESSAGE(loop.allows_host(bad), bad);
    CHECK(loop.allows_origin("http://127.0.0.1:8080"));
    CHECK(loop.allows_origin("http://localhost:8080"));
    for (const char* bad : {"null", "http://evil.example", "http://127.evil.example:8080", "http://localhost:8081",
                            "file://", "http://localhost:8080/path", "ftp://localhost:8080"})
        CHECK_FALSE_MESSAGE(loop.allows_origin(bad), bad);

    http::AllowedHosts other("127.0.0.2", 9000, {"boardpack.council.example", "proxy.example:443"});
    CHECK(other.allows_host("127.0.0.2:9000"));
    CHECK(other.allows_host("localhost:9000"));
    CHECK(other.allows_host("boardpack.council.example"));
    CHECK(other.allows_host("boardpack.council.example:9000"));
    CHECK(other.allows_host("proxy.example:443"));
    CHECK_FALSE(other.allows_host("proxy.example"));
    CHECK(other.allows_origin("https://boardpack.council.example"));

    http::AllowedHosts any("0.0.0.0", 8080);
    CHECK(any.allows_host("192.168.1.20:8080"));  // an address literal cannot be a rebinding name
    CHECK(any.allows_host("[fe80::1]:8080"));
    CHECK_FALSE(any.allows_host("192.168.1.20:8081"));
    CHECK_FALSE(any.allows_host("192.168.1.20"));
    CHECK_FALSE(any.allows_host("attacker.example:8080"));
    CHECK_FALSE(any.allows_host("0.0.0.0.attacker.example:8080"));

    http::AllowedHosts v6("::1", 8080);
    CHECK(v6.allows_host("[::1]:8080"));
    CHECK_FALSE(v6.allows_host("::1:8080"));
}

TEST_CASE("app::upload_name") {
    CHECK(upload_name("C:\\fakepath\\team.xlsx", 0) == "team.xlsx");
    CHECK(upload_name("../../team.xlsx", 0) == "team.xlsx");
    CHECK(upload_name("a\tb\x7f\n.xlsx", 0) == "ab.xlsx");
    CHECK(upload_name("a\xC2\x85" "b.xlsx", 0) == "ab.xlsx");  // C1 NEL
    CHECK(upload_name("caf\xC3\xA9.xlsx", 0) == "caf\xC3\xA9.xlsx");
    CHECK(upload_name("", 2) == "upload-3.xlsx");
    CHECK(upload_name("..", 0) == "upload-1.xlsx");
    std::string longname;
    for (int i = 0; i < 150; ++i) longname += "\xC3\xA9";  // 300 bytes of two-byte characters
    std::string cut = upload_name(longname + ".xlsx", 0);
    CHECK(cut.size() <= 200);
    CHECK(cut.ends_with(".xlsx"));
    CHECK(utf8::is_valid(cut));
}

TEST_CASE("app::UploadReceiver") {
    fs::path dir = scratch("receiver");
    UploadLimits limits;
    limits.max_file_bytes = 100;
    limits.max_files = 2;
    limits.max_request_bytes = 1000;
    auto feed_all = [](UploadReceiver& r, const std::string& body, std::size_t step) -> std::optional<WebError> {
        for (std::size_t at = 0; at < body.size(); at += step)
            if (auto e = r.feed(std::string_view(body).substr(at, step))) return e;
        return std::nullopt;
    };
    SUBCASE("files are written to the upload's folder, named as sent") {
        UploadReceiver r("XyZ", dir, limits);
        REQUIRE_FALSE(feed_all(r, form({{"a.xlsx", "AAAA"}, {"a.xlsx", std::string(100, 'B')}}), 7));
        auto got = r.finish();
        REQUIRE(std::holds_alternative<std::vector<UploadedFile>>(got));
        auto& files = std::get<std::vector<UploadedFile>>(got);
        REQUIRE(files.size() == 2);
        CHECK(files[0].name == "a.xlsx");
        CHECK(files[1].name == "a (2).xlsx");
        CHECK(read_file(files[0].path) == "AAAA");
        CHECK(read_file(files[1].path) == std::string(100, 'B'));
        CHECK(files[1].path.parent_path() == dir / "in");
    }
    SUBCASE("a file over the limit is refused at the byte that passes it") {
        UploadReceiver r("XyZ", dir, limits);
        auto e = feed_all(r, form({{"big.xlsx", std::string(101, 'x')}}), 10);
        REQUIRE(e);
        CHECK(e->code == "file_too_large");
        CHECK(e->file == "big.xlsx");
        CHECK(fs::file_size(dir / "in" / "1") <= 100);
    }
    SUBCASE("one file too many") {
        UploadReceiver r("XyZ", dir, limits);
        auto e = feed_all(r, form({{"a.xlsx", "1"}, {"b.xlsx", "2"}, {"c.xlsx", "3"}}), 1000);
        REQUIRE(e);
        CHECK(e->code == "too_many_files");
        CHECK(e->file == "c.xlsx");
    }
    SUBCASE("the whole request over its limit") {
        limits.max_file_bytes = 10000;
        limits.max_files = 50;
        UploadReceiver r("XyZ", dir, limits);
        auto e = feed_all(r, form({{"a.xlsx", std::string(600, 'a')}, {"b.xlsx", std::string(600, 'b')}}), 100);
        REQUIRE(e);
        CHECK(e->code == "request_too_large");
    }
    SUBCASE("no files, and cut short") {
        UploadReceiver r("XyZ", dir, limits);
        REQUIRE_FALSE(r.feed("--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XyZ--\r\n"));
        auto got = r.finish();
        REQUIRE(std::holds_alternative<WebError>(got));
        CHECK(std::get<WebError>(got).code == "no_files");
        UploadReceiver cut("XyZ", dir, limits);
        REQUIRE_FALSE(cut.feed("--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a\"\r\n\r\nxx"));
        auto got2 = cut.finish();
        REQUIRE(std::holds_alternative<WebError>(got2));
        CHECK(std::get<WebError>(got2).code == "bad_upload");
    }
    fs::remove_all(dir);
}
