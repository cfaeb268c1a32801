#include "app/web_response.hpp"

#include <fmt/format.h>

namespace bp::app {

void add_security_headers(http::Response& r) {
    r.set("X-Content-Type-Options", "nosniff");
    r.set("Referrer-Policy", "no-referrer");
    r.set("X-Frame-Options", "DENY");
}

http::Response json_response(const nlohmann::ordered_json& body, int status) {
    http::Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    r.set("Cache-Control", "no-store");
    add_security_headers(r);
    return r;
}

http::Response error_response(const WebError& e) {
    http::Response r = json_response(
        {{"code", e.code}, {"message", e.message}, {"file", e.file}, {"sheet", e.sheet}, {"cell", e.cell}}, e.status);
    if (e.status == 503) r.set("Retry-After", "5");
    return r;
}

std::string size_text(std::uint64_t bytes) {
    if (bytes >= (1ull << 20)) return fmt::format("{:g} MB", static_cast<double>(bytes) / 1048576.0);
    return fmt::format("{:g} KB", static_cast<double>(bytes) / 1024.0);
}

}  // namespace bp::app
