// How the web API answers: JSON bodies, refusals as {code, message, file,
// sheet, cell}, and the headers every answer carries.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "app/http/server.hpp"

namespace bp::app {

struct WebError {
    int status = 400;
    std::string code;
    std::string message;
    std::string file, sheet, cell;
};

// The JSON response for a body; text that is not valid UTF-8 is written
// with U+FFFD rather than failing.
http::Response json_response(const nlohmann::ordered_json& body, int status = 200);
http::Response error_response(const WebError& e);
// nosniff, no referrer, no framing: on every answer, the page's and the API's.
void add_security_headers(http::Response& r);

// "25 MB", "512 KB": limits as the page shows them.
std::string size_text(std::uint64_t bytes);

}  // namespace bp::app
