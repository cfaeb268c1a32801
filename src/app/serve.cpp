#include "app/serve.hpp"

#include <httplib.h>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <semaphore>
#include <sstream>
#include <thread>

#include "app/interrupt.hpp"
#include "app/pack_writer.hpp"
#include "app/upload_store.hpp"
#include "app/web_assets.hpp"
#include "render/json/summary.hpp"
#include "util/atomic_file.hpp"
#include "util/zip_writer.hpp"

namespace bp::app {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

const std::vector<std::string>& download_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n = output_names();
        n.push_back(k_bundle_name);
        return n;
    }();
    return names;
}

namespace {

constexpr std::size_t k_http_threads = 32;  // connections served at once (browsers keep several open)

std::string size_text(std::uint64_t bytes) {
    if (bytes >= (1ull << 20)) return fmt::format("{:g} MB", static_cast<double>(bytes) / 1048576.0);
    return fmt::format("{:g} KB", static_cast<double>(bytes) / 1024.0);
}

// A refusal, as every client of the API sees it.
struct WebError {
    int status = 400;
    std::string code;
    std::string message;
    std::string file, sheet, cell;
};

void send_error(httplib::Response& res, const WebError& e) {
    json j{{"code", e.code}, {"message", e.message}, {"file", e.file}, {"sheet", e.sheet}, {"cell", e.cell}};
    res.status = e.status;
    res.set_content(j.dump(), "application/json");
}

std::string content_type_for(const std::string& name) {
    auto ends = [&](std::string_view ext) { return name.size() >= ext.size() && name.ends_with(ext); };
    if (ends(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (ends(".pdf")) return "application/pdf";
    if (ends(".json")) return "application/json";
    if (ends(".zip")) return "application/zip";
    return "application/octet-stream";
}

// The name to show for an uploaded file: its last path component (browsers
// may send C:\fakepath\...), without control characters, of sensible length.
std::string upload_name(const std::string& raw, std::size_t index) {
    std::string name = raw.substr(raw.find_last_of("/\\") == std::string::npos ? 0 : raw.find_last_of("/\\") + 1);
    name.erase(std::remove_if(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }),
               name.end());
    if (name.size() > 200) name = name.substr(name.size() - 200);
    if (name.empty() || name == "." || name == "..") name = fmt::format("upload-{}.xlsx", index + 1);
    return name;
}

// Two files with the same name would be indistinguishable in the findings.
void make_names_unique(std::vector<pipeline::MemoryInput>& files) {
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto taken = [&](const std::string& n) {
            for (std::size_t j = 0; j < i; ++j)
                if (files[j].name == n) return true;
            return false;
        };
        if (!taken(files[i].name)) continue;
        fs::path p(files[i].name);
        for (int k = 2;; ++k) {
            std::string n = fmt::format("{} ({}){}", p.stem().string(), k, p.extension().string());
            if (!taken(n)) {
                files[i].name = n;
                break;
            }
        }
    }
}

struct Received {
    std::vector<pipeline::MemoryInput> files;
    std::optional<WebError> refused;
};

// Reads the multipart body file by file, holding each in memory within the
// limits. Past a per-file or file-count limit the rest is read and dropped,
// so the browser gets the answer rather than a broken connection.
Received receive_files(const httplib::ContentReader& reader, const UploadLimits& limits, httplib::Response& res) {
    Received r;
    std::optional<std::size_t> current;
    std::uint64_t total = 0;
    auto refuse = [&](WebError e) {
        if (!r.refused) r.refused = std::move(e);
        current.reset();
        r.files.clear();
    };
    bool read = reader(
        [&](const httplib::MultipartFormData& part) {
            current.reset();
            if (r.refused || part.name != "files") return true;  // other fields are ignored
            if (r.files.size() == limits.max_files) {
                refuse({413, "too_many_files",
                        fmt::format("more than {} files in one upload: check them in smaller groups", limits.max_files),
                        upload_name(part.filename, r.files.size())});
                return true;
            }
            r.files.push_back({upload_name(part.filename, r.files.size()), {}});
            current = r.files.size() - 1;
            return true;
        },
        [&](const char* data, std::size_t n) {
            total += n;
            if (total > limits.max_request_bytes) {  // only a body without Content-Length gets this far
                refuse({413, "request_too_large",
                        fmt::format("the upload is over the limit of {} in all", size_text(limits.max_request_bytes))});
                // Read on a little, so a client still sending gets the answer; a stream without end is cut off.
                return total <= 2 * limits.max_request_bytes;
            }
            if (!current) return true;
            std::string& bytes = r.files[*current].bytes;
            if (bytes.size() + n > limits.max_file_bytes) {
                std::string name = r.files[*current].name;
                refuse({413, "file_too_large",
                        fmt::format("{} is over the limit of {} per file: is it the right workbook?", name,
                                    size_text(limits.max_file_bytes)),
                        name});
                return true;
            }
            bytes.append(data, n);
            return true;
        });
    if (!read && !r.refused) {
        if (res.status == 413)
            refuse({413, "request_too_large",
                    fmt::format("the upload is over the limit of {} in all: check the workbooks in smaller groups",
                                size_text(limits.max_request_bytes))});
        else
            refuse({400, "bad_upload", "the upload was cut short or is not a multipart form: try again"});
    }
    return r;
}

std::string_view host_name(std::string_view host) {
    if (!host.empty() && host.front() == '[') return host.substr(0, host.find(']') + 1);
    return host.substr(0, host.find(':'));
}

bool is_loopback_name(std::string_view h) {
    return h == "localhost" || h == "[::1]" || h == "::1" || h.starts_with("127.");
}

class WebApp {
public:
    WebApp(const ServeOptions& o, RunSettings settings, std::unique_ptr<UploadStore> store)
        : m_options(o), m_settings(std::move(settings)), m_store(std::move(store)),
          m_jobs(static_cast<std::ptrdiff_t>(std::max(2u, std::thread::hardware_concurrency()))) {}

    void install(httplib::Server& svr);
    UploadStore& store() { return *m_store; }
    void log(const httplib::Request& req, const httplib::Response& res);

private:
    httplib::Server::HandlerResponse check_request(const httplib::Request& req, httplib::Response& res) const;
    void handle_upload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void handle_download(const httplib::Request& req, httplib::Response& res);
    std::optional<WebError> build(const pipeline::Result& result, const fs::path& dir, json& downloads,
                                  const std::string& id);

    const ServeOptions& m_options;
    RunSettings m_settings;
    std::unique_ptr<UploadStore> m_store;
    std::counting_semaphore<1024> m_jobs;  // packs built at once: one per core
    std::mutex m_log_mutex;
};

// DNS rebinding and cross-site posts: a server on loopback answers only to
// loopback names, and changes state only for pages it served itself.
httplib::Server::HandlerResponse WebApp::check_request(const httplib::Request& req, httplib::Response& res) const {
    std::string host = req.get_header_value("Host");
    if (is_loopback_name(m_options.host) && !is_loopback_name(host_name(host))) {
        send_error(res, {403, "bad_host", fmt::format("this server answers only to localhost, not '{}'", host)});
        return httplib::Server::HandlerResponse::Handled;
    }
    std::string origin = req.get_header_value("Origin");
    if (req.method != "GET" && req.method != "HEAD" && !origin.empty()) {
        auto scheme_end = origin.find("://");
        std::string origin_host = scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3);
        if (origin_host != host) {
            send_error(res, {403, "cross_origin", "uploads are accepted only from boardpack's own page"});
            return httplib::Server::HandlerResponse::Handled;
        }
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    return httplib::Server::HandlerResponse::Unhandled;
}

std::optional<WebError> WebApp::build(const pipeline::Result& result, const fs::path& dir, json& downloads,
                                      const std::string& id) {
    downloads = json::array();
    if (exit_code(result) == 2) return std::nullopt;  // nothing readable: the findings say why
    auto written = write_pack(result, dir.string(), WriteOptions{m_options.run.report_template});
    if (!written) return WebError{500, "output_failed", "the board pack could not be written: " + written.error().message};
    std::vector<std::string> names = written->files;
    OutputSet bundle(dir.string());
    Status s = bundle.add(k_bundle_name, [&](const std::string& temp) -> Status {
        BP_ASSIGN_OR_RETURN(ZipWriter zip, ZipWriter::create(temp));
        for (const auto& n : names) BP_TRY(zip.add_file(n, (dir / n).string()));
        return zip.close();
    });
    if (s) s = bundle.commit();
    if (!s) return WebError{500, "output_failed", "the zip of the board pack could not be written: " + s.error().message};
    names.push_back(k_bundle_name);
    for (const auto& n : download_names()) {
        if (std::find(names.begin(), names.end(), n) == names.end()) continue;
        std::error_code ec;
        auto bytes = fs::file_size(dir / n, ec);
        downloads.push_back({{"name", n}, {"url", "/api/packs/" + id + "/" + n}, {"bytes", ec ? 0 : bytes}});
    }
    return std::nullopt;
}

void WebApp::handle_upload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    res.set_header("Cache-Control", "no-store");
    if (!req.is_multipart_form_data()) {
        // Read what was sent, so the connection stays usable.
        reader([](const char*, std::size_t) { return true; });
        return send_error(res, {415, "not_multipart", "send the workbooks as multipart/form-data, in fields named 'files'"});
    }
    Received got = receive_files(reader, m_options.upload, res);
    if (got.refused) return send_error(res, *got.refused);
    if (got.files.empty()) return send_error(res, {400, "no_files", "no workbooks were sent: drop or choose .xlsx files"});
    make_names_unique(got.files);

    auto started = std::chrono::steady_clock::now();
    m_jobs.acquire();
    struct Release {
        std::counting_semaphore<1024>& s;
        ~Release() { s.release(); }
    } release{m_jobs};

    pipeline::Result result = pipeline::run_memory(got.files, m_settings.options);
    got.files.clear();  // the workbooks are not kept
    auto upload = m_store->create();
    if (!upload) return send_error(res, {500, "output_failed", upload.error().message});
    json downloads;
    if (auto e = build(result, upload->dir, downloads, upload->id)) {
        m_store->remove(upload->id);
        return send_error(res, *e);
    }
    if (downloads.empty()) m_store->remove(upload->id);  // nothing readable: nothing to keep
    render::OutputNames names;
    json body;
    body["id"] = upload->id;
    body["expires_in_seconds"] = std::chrono::duration_cast<std::chrono::seconds>(m_store->keep()).count();
    body["elapsed_ms"] =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    body["downloads"] = downloads;
    body["summary"] = render::summary_json(result, names);
    res.set_content(body.dump(), "application/json");
}

void WebApp::handle_download(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    const std::string id = req.matches[1];
    const std::string name = req.matches[2];
    const auto& allowed = download_names();
    auto dir = m_store->find(id);
    if (!dir || std::find(allowed.begin(), allowed.end(), name) == allowed.end())
        return send_error(res, {404, "not_found",
                                fmt::format("no such download: downloads are kept for {:g} minutes after the upload; "
                                            "drop the workbooks again",
                                            m_options.keep_minutes)});
    std::ifstream in(*dir / name, std::ios::binary);
    if (!in)
        return send_error(res, {404, "not_found", fmt::format("{} was not made for this pack", name), name});
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", name));
    res.set_content(std::move(bytes), content_type_for(name));
}

void WebApp::install(httplib::Server& svr) {
    svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        return check_request(req, res);
    });
    for (const WebAsset* a = k_web_assets; !a->path.empty(); ++a) {
        svr.Get(std::string(a->path), [a](const httplib::Request&, httplib::Response& res) {
            res.set_header("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'");
            res.set_header("Cache-Control", "no-cache");
            res.set_content(a->body.data(), a->body.size(), std::string(a->content_type));
        });
    }
    svr.Get("/api/limits", [this](const httplib::Request&, httplib::Response& res) {
        const auto& u = m_options.upload;
        json j{{"max_file_bytes", u.max_file_bytes},
               {"max_files", u.max_files},
               {"max_request_bytes", u.max_request_bytes},
               {"keep_minutes", m_options.keep_minutes},
               {"downloads", download_names()}};
        res.set_content(j.dump(), "application/json");
    });
    svr.Post("/api/packs",
             [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                 handle_upload(req, res, reader);
             });
    svr.Get(R"(/api/packs/([^/]+)/([^/]+))",
            [this](const httplib::Request& req, httplib::Response& res) { handle_download(req, res); });
    svr.Delete(R"(/api/packs/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string id = req.matches[1];
        if (m_store->find(id)) m_store->remove(id);
        res.status = 204;
    });
    // Routes not found, bodies refused by httplib itself: always JSON.
    svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        WebError e{res.status, "bad_request", "the request could not be understood"};
        if (res.status == 404) e = {404, "not_found", fmt::format("there is nothing at {}", req.path)};
        if (res.status == 413) e = {413, "request_too_large", "the upload is too large"};
        send_error(res, e);
        return httplib::Server::HandlerResponse::Handled;
    }));
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
            std::rethrow_exception(ep);
        } catch (const std::bad_alloc&) {
            what = "out of memory";
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        send_error(res, {500, "internal_error", "boardpack failed on this request (" + what + "): please report it"});
    });
    svr.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log(req, res); });
}

void WebApp::log(const httplib::Request& req, const httplib::Response& res) {
    if (!req.path.starts_with("/api/")) return;
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    std::lock_guard lock(m_log_mutex);
    fmt::print("{:%H:%M:%S} {} {} {}\n", tm, req.method, req.path, res.status);
    std::fflush(stdout);
}

}  // namespace

int run_serve(const ServeOptions& o) {
    auto settings = prepare_run(o.run);
    if (!settings) return 2;
    if (o.keep_minutes <= 0) {
        fmt::print(stderr, "boardpack: --keep-minutes must be more than 0\n");
        return 2;
    }
    auto keep = std::chrono::duration_cast<UploadStore::Clock::duration>(std::chrono::duration<double>(o.keep_minutes * 60));
    auto store = UploadStore::open(keep, o.work_dir);
    if (!store) {
        fmt::print(stderr, "boardpack: {}\n", to_string(store.error()));
        return 2;
    }

    httplib::Server svr;
    Interrupt interrupt([&svr] { svr.stop(); });  // before any other thread starts
    svr.new_task_queue = [] { return new httplib::ThreadPool(k_http_threads); };
    svr.set_payload_max_length(o.upload.max_request_bytes);
    // httplib's default adds SO_REUSEPORT, which would let a second server share the port unnoticed.
    svr.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    svr.set_read_timeout(30, 0);
    svr.set_write_timeout(30, 0);
    WebApp app(o, std::move(*settings), std::move(store).value());
    app.install(svr);

    int port = o.port;
    bool bound = port == 0 ? (port = svr.bind_to_any_port(o.host)) > 0 : svr.bind_to_port(o.host, port);
    if (!bound) {
        fmt::print(stderr, "boardpack: cannot listen on {}:{}: is another program using that port? try --port {}\n",
                   o.host, o.port, o.port + 1);
        return 2;
    }
    std::string shown_host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
    fmt::print("boardpack serve: open http://{}:{}/ in a web browser (Ctrl-C to stop)\n", shown_host, port);
    fmt::print("  up to {} workbooks per upload, {} each, {} in all; outputs removed after {:g} minutes\n",
               o.upload.max_files, size_text(o.upload.max_file_bytes), size_text(o.upload.max_request_bytes),
               o.keep_minutes);
    std::fflush(stdout);

    // The janitor removes expired outputs, checking a few times per keep period.
    auto period = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(keep / 4),
                             std::chrono::milliseconds(200), std::chrono::milliseconds(30'000));
    std::mutex janitor_mutex;
    std::condition_variable janitor_cv;
    bool stopping = false;
    std::thread janitor([&] {
        std::unique_lock lock(janitor_mutex);
        while (!janitor_cv.wait_for(lock, period, [&] { return stopping; })) app.store().sweep();
    });
    if (!interrupt.requested()) svr.listen_after_bind();
    svr.stop();
    {
        std::lock_guard lock(janitor_mutex);
        stopping = true;
    }
    janitor_cv.notify_all();
    janitor.join();
    fmt::print("boardpack serve: stopped; uploads and outputs removed\n");
    return 0;
}

void add_serve_command(CLI::App& app, ServeCommand& c) {
    ServeOptions& o = c.options;
    c.max_file_mb = static_cast<double>(o.upload.max_file_bytes >> 20);
    c.max_request_mb = static_cast<double>(o.upload.max_request_bytes >> 20);
    c.cmd = app.add_subcommand("serve", "The drag-and-drop web page: drop workbooks, see findings, download the pack");
    c.cmd->add_option("--host", o.host, "Address to listen on (loopback: only this computer)")->capture_default_str();
    c.cmd->add_option("--port", o.port, "Port to listen on (0: any free port)")
        ->capture_default_str()->check(CLI::Range(0, 65535));
    c.cmd->add_option("--max-upload-file-mb", c.max_file_mb, "Largest workbook accepted in an upload, MiB")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--max-upload-files", o.upload.max_files, "Most workbooks in one upload")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--max-upload-mb", c.max_request_mb, "Largest upload (all workbooks together), MiB")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--keep-minutes", o.keep_minutes, "Minutes a pack's outputs stay downloadable before removal")
        ->capture_default_str()->check(CLI::PositiveNumber)->group("Upload limits");
    c.cmd->add_option("--work-dir", o.work_dir, "Folder for upload folders (default: $TMPDIR or /tmp)");
    c.cmd->add_option("--template", o.run.report_template, "Report template (see templates/report.ini)");
    c.cmd->add_option("--as-of", o.run.as_of, "Report date for overdue actions, YYYY-MM-DD (default: today)");
    add_reading_options(*c.cmd, o.run);
    add_limit_options(*c.cmd, c.limits, read::ReadLimits{});
}

int run_serve(ServeCommand& c) {
    auto mib = [](double v) { return static_cast<std::uint64_t>(v * 1048576.0); };
    c.options.upload.max_file_bytes = mib(c.max_file_mb);
    c.options.upload.max_request_bytes = mib(c.max_request_mb);
    c.options.run.limits = to_limits(c.limits);
    return run_serve(c.options);
}

}  // namespace bp::app
