#include "app/serve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "app/build_queue.hpp"
#include "app/http/allowed_hosts.hpp"
#include "app/http/server.hpp"
#include "app/interrupt.hpp"
#include "app/pack_writer.hpp"
#include "app/web_app.hpp"
#include "app/web_response.hpp"

namespace bp::app {

const std::vector<std::string>& download_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n = output_names();
        n.push_back(k_bundle_name);
        return n;
    }();
    return names;
}

namespace {

std::chrono::milliseconds seconds(double s) { return std::chrono::milliseconds(static_cast<long long>(s * 1000)); }

http::ServerOptions server_options(const ServeOptions& o) {
    http::ServerOptions s;
    s.host = o.host;
    s.port = o.port;
    s.header_timeout = seconds(o.connections.header_timeout_s);
    s.body_timeout = seconds(o.connections.body_timeout_s);
    s.idle_timeout = seconds(o.connections.idle_timeout_s);
    s.min_bytes_per_second = static_cast<std::uint64_t>(o.connections.min_rate_kb_s * 1024);
    s.max_connections = o.connections.max_connections;
    s.max_body_bytes = o.upload.max_request_bytes;
    return s;
}

// Removes expired outputs a few times per keep period, on a thread of its own.
class Janitor {
public:
    Janitor(UploadStore& store, std::chrono::milliseconds period)
        : m_thread([this, &store, period] {
              std::unique_lock lock(m_mutex);
              while (!m_cv.wait_for(lock, period, [this] { return m_stopping; })) store.sweep();
          }) {}
    ~Janitor() {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace

int run_serve(const ServeOptions& o) {
    auto settings = prepare_run(o.run);
    if (!settings) return 2;
    if (o.keep_minutes <= 0) {
        fmt::print(stderr, "boardpack: --keep-minutes must be more than 0\n");
        return 2;
    }
    auto keep = std::chrono::duration_cast<UploadStore::Clock::duration>(std::chrono::duration<double>(o.keep_minutes * 60));
    auto store = UploadStore::open(keep, o.work_dir, o.store);
    if (!store) {
        fmt::print(stderr, "boardpack: {}\n", to_string(store.error()));
        return 2;
    }

    // The Interrupt comes before any other thread, so they inherit its blocked signals.
    std::mutex server_mutex;
    http::Server* running = nullptr;
    Interrupt interrupt([&] {
        std::lock_guard lock(server_mutex);
        if (running) running->stop();
    });
    BuildQueue builds(o.build_jobs ? o.build_jobs : std::max(2u, std::thread::hardware_concurrency()));
    WebApp app(o, std::move(*settings), **store, builds);
    auto server = http::Server::listen(server_options(o), app);
    if (!server) {
        fmt::print(stderr, "boardpack: cannot listen on {}:{} ({}): is another program using that port? try --port {}\n",
                   o.host, o.port, server.error().message, o.port + 1);
        return 2;
    }
    int port = (*server)->port();
    app.set_allowed_hosts(http::AllowedHosts(o.host, port, o.allow_hosts));
    std::string shown_host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
    fmt::print("boardpack serve: open http://{}:{}/ in a web browser (Ctrl-C to stop)\n", shown_host, port);
    fmt::print("  up to {} workbooks per upload, {} each, {} in all; outputs removed after {:g} minutes\n",
               o.upload.max_files, size_text(o.upload.max_file_bytes), size_text(o.upload.max_request_bytes),
               o.keep_minutes);
    std::fflush(stdout);

    {
        Janitor janitor(**store, std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(keep / 4),
                                            std::chrono::milliseconds(200), std::chrono::milliseconds(30'000)));
        {
            std::lock_guard lock(server_mutex);
            running = server->get();
        }
        if (!interrupt.requested()) (*server)->run();
        {
            std::lock_guard lock(server_mutex);
            running = nullptr;
        }
        server->reset();  // every connection closes: builds still waiting or running are cancelled
        builds.stop();
    }
    fmt::print("boardpack serve: stopped; uploads and outputs removed\n");
    return 0;
}

void add_serve_command(CLI::App& app, ServeCommand& c) {
    ServeOptions& o = c.options;
    c.max_file_mb = static_cast<double>(o.upload.max_file_bytes >> 20);
    c.max_request_mb = static_cast<double>(o.upload.max_request_bytes >> 20);
    c.max_stored_mb = static_cast<double>(o.store.max_bytes >> 20);
    c.cmd = app.add_subcommand("serve", "The drag-and-drop web page: drop workbooks, see findings, download the pack");
    c.cmd->add_option("--host", o.host, "Address to listen on (loopback: only this computer)")->capture_default_str();
    c.cmd->add_option("--port", o.port, "Port to listen on (0: any free port)")
        ->capture_default_str()->check(CLI::Range(0, 65535));
    c.cmd->add_option("--allow-host", o.allow_hosts,
                      "Another name the server answers to, NAME or NAME:PORT (a reverse proxy's); repeatable");
    c.cmd->add_option("--max-upload-file-mb", c.max_file_mb, "Largest workbook accepted in an upload, MiB")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--max-upload-files", o.upload.max_files, "Most workbooks in one upload")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--max-upload-mb", c.max_request_mb, "Largest upload (all workbooks together), MiB")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--max-concurrent-uploads", o.upload.max_concurrent,
                      "Uploads received or built at once; more are refused with 503")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--keep-minutes", o.keep_minutes, "Minutes a pack's outputs stay downloadable before removal")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--max-stored-packs", o.store.max_packs, "Packs kept for download at once (oldest go first)")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--max-stored-mb", c.max_stored_mb, "Disk the kept packs may take together, MiB (oldest go first)")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    auto& cl = o.connections;
    c.cmd->add_option("--header-timeout", cl.header_timeout_s, "Seconds a client has to send a request's whole head")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Connection limits");
    c.cmd->add_option("--body-timeout", cl.body_timeout_s, "Seconds a client has to send a whole upload (or take a download)")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Connection limits");
    c.cmd->add_option("--idle-timeout", cl.idle_timeout_s, "Seconds an upload or download may stall without a byte moving")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Connection limits");
    c.cmd->add_option("--min-rate-kb-s", cl.min_rate_kb_s,
                      "KB/s an upload or download must average once it has run for --idle-timeout (0: no minimum)")
        ->capture_default_str()->check(CLI::NonNegativeNumber)->group("Connection limits");
    c.cmd->add_option("--max-connections", cl.max_connections,
                      "Connections open at once (past it, the one waiting longest for its request goes)")
        ->capture_default_str()->check(CLI::Range(8, 100000))->group("Connection limits");
    c.cmd->add_option("--build-jobs", o.build_jobs, "Packs built at once (0: one per core, at least 2)")
        ->capture_default_str()->check(CLI::Range(0u, 256u));
    c.cmd->add_option("--work-dir", o.work_dir, "Folder for upload folders (default: $TMPDIR or /tmp)");
    c.cmd->add_option("--template", o.run.report_template, "Report template (see templates/report.ini)");
    add_title_block_options(*c.cmd, o.run);
    c.cmd->add_option("--as-of", o.run.as_of, "Report date for overdue actions, YYYY-MM-DD (default: today)");
    add_reading_options(*c.cmd, o.run);
    add_limit_options(*c.cmd, c.limits, read::ReadLimits{});
}

int run_serve(ServeCommand& c) {
    auto mib = [](double v) { return static_cast<std::uint64_t>(v * 1048576.0); };
    c.options.upload.max_file_bytes = mib(c.max_file_mb);
    c.options.upload.max_request_bytes = mib(c.max_request_mb);
    c.options.store.max_bytes = mib(c.max_stored_mb);
    c.options.run.limits = to_limits(c.limits);
    return run_serve(c.options);
}

}  // namespace bp::app
