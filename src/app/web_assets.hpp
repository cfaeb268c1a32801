// The web page's files (src/app/web/), compiled into boardpack at build time
// so `boardpack serve` needs nothing beside the binary and works offline.
#pragma once

#include <string_view>

namespace bp::app {

struct WebAsset {
    std::string_view path;  // URL path, e.g. "/app.js"; the page is "/"
    std::string_view content_type;
    std::string_view body;
};

// Null-terminated by an entry with an empty path.
extern const WebAsset k_web_assets[];

}  // namespace bp::app
