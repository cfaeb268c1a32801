// `boardpack serve`: the drag-and-drop web page. One page and a small JSON
// API, served from the binary by boardpack's own HTTP server (app/http/):
//   GET    /                         the page (index.html, app.css, app.js)
//   GET    /api/limits               the upload limits and default report date, for the page
//   GET    /templates/plan.xlsx      the blank team workbooks (also kpi.xlsx)
//   POST   /api/packs                multipart "files" (and "report_date"): check and build a pack
//   GET    /api/packs/ID/NAME        one output of that pack (allow-listed names)
//   DELETE /api/packs/ID             remove that pack's outputs now
// Anything refused answers 4xx/5xx with {code, message, file, sheet, cell}.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "app/limits_options.hpp"
#include "app/pack_commands.hpp"
#include "app/pack_writer.hpp"
#include "app/upload_receiver.hpp"
#include "app/upload_store.hpp"

namespace bp::app {

// How long a client may take, and how many may be connected.
struct ConnectionLimits {
    double header_timeout_s = 10;   // the whole request head
    double body_timeout_s = 120;    // the whole upload (and the whole of a download)
    double idle_timeout_s = 10;     // no byte moving during an upload or a download
    double min_rate_kb_s = 16;      // an upload's or download's average, after its first idle_timeout_s (0: none)
    std::size_t max_connections = 512;
};

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port (printed on start)
    std::vector<std::string> allow_hosts;  // more names the server answers to (a reverse proxy's)
    UploadLimits upload;
    ConnectionLimits connections;
    StoreLimits store;
    double keep_minutes = 60;  // outputs are removed this long after the upload
    std::string work_dir;      // where upload folders go (default: $TMPDIR or /tmp)
    unsigned build_jobs = 0;   // packs built at once (0: one per core, at least 2)
    PackOptions run;           // --as-of, --vocabulary, --template, reader limits
};

// The names a pack's folder may serve: the pack's outputs and the zip of them.
const std::vector<std::string>& download_names();

struct ServeCommand {
    ServeOptions options;
    LimitFlags limits;
    double max_file_mb = 0, max_request_mb = 0, max_stored_mb = 0;
    CLI::App* cmd = nullptr;
};
void add_serve_command(CLI::App& app, ServeCommand& c);
int run_serve(ServeCommand& c);

int run_serve(const ServeOptions& options);

}  // namespace bp::app
