// libFuzzer target for the web server's request parsing: the input is one
// HTTP request as a client sends it. It is fed in pieces, as it would arrive
// (their sizes come from the input's last byte, so the incremental parsers
// meet every split point): the head is found and parsed, Host and Origin go
// through the allow-list, the body through its framing (Content-Length or
// chunked) and, for multipart/form-data, into the upload receiver, which
// writes the files to a scratch folder. Beyond not crashing it checks what
// the issue asked for: every text that leaves the parsers is valid UTF-8
// (JSON encodes it without error), the allow-list only ever accepts this
// server's own names, and no file written is over its limit.
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "app/http/allowed_hosts.hpp"
#include "app/http/body.hpp"
#include "app/http/multipart.hpp"
#include "app/http/request.hpp"
#include "app/upload_receiver.hpp"
#include "util/utf8.hpp"
#include "util/utf8_repair.hpp"

namespace fs = std::filesystem;
using namespace bp;
namespace http = bp::app::http;

namespace {

void check(bool ok) {
    if (!ok) std::abort();
}

// Valid UTF-8, and encodable as JSON (the error the issue found: type_error 316).
void check_text(const std::string& s) {
    check(utf8::is_valid(s));
    (void)nlohmann::json(s).dump();
}

const fs::path& scratch() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("bp-fuzz-http-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

constexpr std::uint64_t k_max_body = 64 * 1024;

void fuzz_body(const http::Request& req, std::string_view rest, std::size_t step) {
    app::UploadLimits limits;
    limits.max_file_bytes = 4096;
    limits.max_files = 4;
    limits.max_request_bytes = k_max_body;
    auto boundary = http::multipart_boundary(req.field_or_empty("content-type"));
    std::optional<app::UploadReceiver> receiver;
    if (boundary) receiver.emplace(*boundary, scratch(), limits);
    http::BodyDecoder decoder(req, k_max_body);
    std::optional<app::WebError> refused;
    bool done = false;
    for (std::size_t at = 0; at < rest.size() && !done && !refused; at += step) {
        auto s = decoder.feed(rest.substr(at, step), [&](std::string_view bytes) {
            if (receiver) refused = receiver->feed(bytes);
            return !refused;
        });
        if (s.error) return check_text(s.error->message);
        check(s.consumed <= step);
        done = s.done;
    }
    check(decoder.decoded() <= k_max_body);
    if (refused) {
        check_text(refused->message);
        check_text(refused->file);
    } else if (receiver && done) {
        auto got = receiver->finish();
        if (auto* files = std::get_if<std::vector<app::UploadedFile>>(&got)) {
            std::set<std::string> names;
            check(files->size() <= limits.max_files);
            for (const auto& f : *files) {
                check_text(f.name);
                check(!f.name.empty() && f.name.find('/') == std::string::npos && f.name.size() <= 220);
                for (unsigned char c : f.name) check(c >= 0x20 && c != 0x7f);
                check(names.insert(f.name).second);
                check(f.bytes <= limits.max_file_bytes && fs::file_size(f.path) == f.bytes);
            }
        } else {
            check_text(std::get<app::WebError>(got).message);
        }
    }
    receiver.reset();
    std::error_code ec;
    fs::remove_all(scratch() / "in", ec);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    std::size_t step = data[size - 1] % 97 + 1;
    std::string_view input(reinterpret_cast<const char*>(data), size - 1);

    // The head, found as the server finds it: in the bytes received so far.
    std::string buffer;
    std::size_t end = 0, at = 0;
    http::HeadLimits limits;
    while (at < input.size() && !(end = http::head_end(buffer))) {
        if (buffer.size() > limits.max_head_bytes) return 0;  // 431
        buffer.append(input.substr(at, step));
        at += step;
    }
    if (!end) end = http::head_end(buffer);
    if (!end) return 0;
    auto parsed = http::parse_head(std::string_view(buffer).substr(0, end), limits);
    if (auto* e = std::get_if<http::HeadError>(&parsed)) {
        check(e->status >= 400 && e->status < 600);
        check_text(e->message);
        return 0;
    }
    const auto& req = std::get<http::Request>(parsed);
    check(!req.path.empty() && req.path.front() == '/');
    for (const auto& [name, value] : req.fields) {
        check(name == ascii_lower(name));
        check_text(value);
    }
    static const http::AllowedHosts hosts("127.0.0.1", 8080, {"boardpack.example"});
    static const std::set<std::string> own = {"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "boardpack.example",
                                              "boardpack.example:8080"};
    std::string host = req.field_or_empty("host");
    if (hosts.allows_host(host)) check(own.count(ascii_lower(host)) == 1);
    std::string origin = ascii_lower(req.field_or_empty("origin"));
    if (hosts.allows_origin(origin)) {
        auto scheme = origin.find("://");
        check(scheme != std::string::npos && own.count(origin.substr(scheme + 3)) == 1);
    }
    if (req.content_length && *req.content_length > k_max_body) return 0;  // 413 at once
    std::string rest = buffer.substr(end) + std::string(input.substr(std::min(at, input.size())));
    fuzz_body(req, rest, step);
    return 0;
}
