#include "app/web_app.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "app/pack_writer.hpp"
#include "app/web_assets.hpp"
#include "render/summary_json.hpp"
#include "util/atomic_file.hpp"
#include "util/clock.hpp"
#include "util/output_manifest.hpp"

namespace bp::app {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

std::string content_type_for(std::string_view name) {
    if (name.ends_with(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (name.ends_with(".pdf")) return "application/pdf";
    if (name.ends_with(".json")) return "application/json";
    if (name.ends_with(".zip")) return "application/zip";
    return "application/octet-stream";
}

http::Response method_not_allowed(std::string_view allow) {
    http::Response r = error_response({405, "method_not_allowed", fmt::format("use {} here", allow)});
    r.set("Allow", std::string(allow));
    return r;
}

http::Dispatch answer(http::Response r) {
    http::Dispatch d;
    d.answer = std::move(r);
    return d;
}

constexpr std::string_view k_returns_path = "returns/";

// The pack's checked copies, as its manifest lists them (in input order): the
// web page names them by number, so no file name is ever taken from a URL.
std::vector<std::string> checked_copies(const fs::path& dir) {
    std::vector<std::string> out;
    for (auto& n : own_files(dir))
        if (n.starts_with(k_returns_path)) out.push_back(std::move(n));
    return out;
}

// attachment; filename="plain ASCII"; filename*=UTF-8''percent-encoded (RFC 6266), for any name.
std::string attachment(const std::string& name) {
    std::string ascii, encoded;
    for (unsigned char c : name) {
        ascii += (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') ? '_' : static_cast<char>(c);
        if (std::isalnum(c) || std::strchr("-._~", c))
            encoded += static_cast<char>(c);
        else
            encoded += fmt::format("%{:02X}", c);
    }
    return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded);
}

struct Outputs {
    json downloads = json::array();
    json returns = json::array();  // each workbook's checked copy: {file, name, url, bytes}
    std::string summary;
};

// Writes the pack's outputs, their zip and the checked copies into `dir`; lists
// them as downloads and keeps summary.json's bytes to serve.
std::optional<WebError> write_outputs(const model::Pack& result, const fs::path& dir, const std::vector<pipeline::NamedFile>& named,
                                      Outputs& out, const std::string& id, const render::ReportTemplate* report_template) {
    if (exit_code(result) == 2) return std::nullopt;  // nothing readable: the findings say why
    // A public paper with personal data is the workbooks' fault, not the server's: 422, naming each cell.
    if (report_template)
        if (auto refused = personal_data_refusal(result, *report_template)) return WebError{422, "personal_data", *refused};
    auto written = write_pack(result, dir.string(), WriteOptions{report_template, true, true, named});
    if (!written) return WebError{500, "output_failed", "the board pack could not be written: " + written.error().message};
    out.summary = std::move(written->summary);
    for (const auto& n : download_names()) {
        if (std::find(written->files.begin(), written->files.end(), n) == written->files.end()) continue;
        std::error_code ec;
        auto bytes = fs::file_size(dir / n, ec);
        out.downloads.push_back({{"name", n}, {"url", "/api/packs/" + id + "/" + n}, {"bytes", ec ? 0 : bytes}});
    }
    auto copies = checked_copies(dir);
    for (const auto& [file, copy] : written->returns) {
        auto at = std::find(copies.begin(), copies.end(), copy);
        if (at == copies.end()) continue;
        std::error_code ec;
        auto bytes = fs::file_size(dir / copy, ec);
        out.returns.push_back({{"file", file},
                               {"name", fs::path(copy).filename().string()},
                               {"url", fmt::format("/api/packs/{}/{}{}", id, k_returns_path, at - copies.begin() + 1)},
                               {"bytes", ec ? 0 : bytes}});
    }
    return std::nullopt;
}

// Keeps the count of uploads in progress while an upload or its build holds it.
class ActiveUpload {
public:
    explicit ActiveUpload(std::atomic<std::size_t>& count) : m_count(count) {}
    ~ActiveUpload() { --m_count; }
    ActiveUpload(const ActiveUpload&) = delete;
    ActiveUpload& operator=(const ActiveUpload&) = delete;

private:
    std::atomic<std::size_t>& m_count;
};

}  // namespace

// An upload's body on its way into the upload's folder. If the request ends
// any other way than in a build (refused, cut short, timed out, client gone),
// the folder goes with the reader.
class WebApp::UploadBody : public http::BodyReader {
public:
    UploadBody(WebApp& app, UploadStore::Upload upload, std::string boundary, std::shared_ptr<void> slot)
        : m_app(app), m_upload(std::move(upload)),
          m_receiver(std::move(boundary), m_upload.dir, app.m_options.upload), m_slot(std::move(slot)) {}
    ~UploadBody() override {
        if (!m_handed_over) m_app.m_store.remove(m_upload.id);
    }

    std::optional<http::Response> on_data(std::string_view bytes) override {
        if (auto e = m_receiver.feed(bytes)) return error_response(*e);
        return std::nullopt;
    }

    void on_end(http::Responder reply) override {
        auto got = m_receiver.finish();
        if (auto* e = std::get_if<WebError>(&got)) return reply.send(error_response(*e));
        CivilDate as_of = m_app.default_report_date();
        if (const auto& text = m_receiver.report_date(); text && !text->empty()) {
            auto d = text->size() == 10 ? parse_iso_datetime(*text) : std::nullopt;
            if (!d || d->date.year < 1900)
                return reply.send(error_response(
                    {400, "bad_date",
                     fmt::format("the report date '{}' is not a date: choose the date the figures are reported at, "
                                 "e.g. 2026-11-30",
                                 *text)}));
            as_of = d->date;
        }
        m_handed_over = true;
        m_app.start_build(std::move(m_upload), std::move(std::get<std::vector<UploadedFile>>(got)), as_of,
                          std::move(reply), std::move(m_slot));
    }

private:
    WebApp& m_app;
    UploadStore::Upload m_upload;
    UploadReceiver m_receiver;
    std::shared_ptr<void> m_slot;
    bool m_handed_over = false;
};

WebApp::WebApp(const ServeOptions& options, RunSettings settings, UploadStore& store, BuildQueue& builds)
    : m_options(options), m_settings(std::move(settings)), m_store(store), m_builds(builds), m_templates(store.root()) {}

CivilDate WebApp::default_report_date() const {
    return m_options.run.as_of ? m_settings.options.as_of : local_date(build_time());
}

http::Response WebApp::error(int status, std::string_view code, std::string_view message) {
    return error_response({status, std::string(code), std::string(message)});
}

// DNS rebinding and cross-site requests: answer only to this server's own
// names, and change state only for pages it served itself.
std::optional<WebError> WebApp::check_origin(const http::Request& req) const {
    std::string host = req.field_or_empty("host");
    if (!m_hosts || !m_hosts->allows_host(host)) {
        std::string names;
        for (const auto& a : m_hosts ? m_hosts->authorities() : std::vector<std::string>{})
            names += (names.empty() ? "" : ", ") + a;
        return WebError{403, "bad_host",
                        host.empty() ? fmt::format("the request has no Host: this server answers to {}", names)
                                     : fmt::format("this server answers to {}, not '{}'", names, host)};
    }
    if (req.method == "GET" || req.method == "HEAD") return std::nullopt;
    const std::string* origin = req.field("origin");
    bool cross_site = req.field_or_empty("sec-fetch-site") == "cross-site";
    if ((origin && !m_hosts->allows_origin(*origin)) || cross_site)
        return WebError{403, "cross_origin", "uploads are accepted only from boardpack's own page"};
    return std::nullopt;
}

http::Dispatch WebApp::on_request(const http::Request& req) {
    if (auto e = check_origin(req)) return answer(error_response(*e));
    const std::string& path = req.path;
    bool read = req.method == "GET" || req.method == "HEAD";
    for (const WebAsset* a = k_web_assets; !a->path.empty(); ++a) {
        if (path != a->path) continue;
        if (!read) return answer(method_not_allowed("GET"));
        http::Response r;
        r.content_type = std::string(a->content_type);
        r.body = std::string(a->body);
        r.set("Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
              "form-action 'self'; frame-ancestors 'none'");
        r.set("Cache-Control", "no-cache");
        add_security_headers(r);
        return answer(std::move(r));
    }
    if (path == "/api/limits") return answer(read ? limits() : method_not_allowed("GET"));
    constexpr std::string_view templates = "/templates/";
    if (path.starts_with(templates))
        return answer(read ? team_template(std::string_view(path).substr(templates.size())) : method_not_allowed("GET"));
    if (path == "/api/packs") return req.method == "POST" ? start_upload(req) : answer(method_not_allowed("POST"));
    constexpr std::string_view packs = "/api/packs/";
    if (path.starts_with(packs)) {
        std::string_view rest = std::string_view(path).substr(packs.size());
        auto slash = rest.find('/');
        if (slash == std::string_view::npos) {
            if (req.method != "DELETE") return answer(method_not_allowed("DELETE"));
            std::string id(rest);
            if (m_store.find(id)) m_store.remove(id);
            http::Response r;
            r.status = 204;
            add_security_headers(r);
            return answer(std::move(r));
        }
        if (!read) return answer(method_not_allowed("GET"));
        return answer(download(rest.substr(0, slash), rest.substr(slash + 1)));
    }
    return answer(error_response({404, "not_found", fmt::format("there is nothing at {}", path)}));
}

http::Response WebApp::limits() const {
    const auto& u = m_options.upload;
    return json_response({{"max_file_bytes", u.max_file_bytes},
                          {"max_files", u.max_files},
                          {"max_request_bytes", u.max_request_bytes},
                          {"max_concurrent_uploads", u.max_concurrent},
                          {"keep_minutes", m_options.keep_minutes},
                          {"max_stored_packs", m_options.store.max_packs},
                          {"max_stored_bytes", m_options.store.max_bytes},
                          {"downloads", download_names()},
                          {"report_date", iso_date(default_report_date())}});
}

http::Response WebApp::team_template(std::string_view name) {
    auto kind = WebTemplates::kind_of(name);
    if (!kind)
        return error_response({404, "not_found", "the blank templates are /templates/plan.xlsx and /templates/kpi.xlsx"});
    auto bytes = m_templates.bytes(*kind, local_date(build_time()));
    if (!bytes) return error_response({500, "output_failed", "the blank template could not be made: " + bytes.error().message});
    http::Response r;
    r.content_type = content_type_for(".xlsx");
    r.body = std::move(*bytes);
    r.set("Content-Disposition", attachment(WebTemplates::download_name(*kind)));
    r.set("Cache-Control", "no-store");
    add_security_headers(r);
    return r;
}

http::Response WebApp::download(std::string_view id, std::string_view name) const {
    const auto& allowed = download_names();
    auto dir = m_store.find(id);
    std::string file(name);
    if (dir && name.starts_with(k_returns_path)) {
        // "returns/N": the pack's Nth checked copy.
        auto copies = checked_copies(*dir);
        std::string_view n = name.substr(k_returns_path.size());
        std::size_t index = 0;
        bool number = !n.empty() && n.size() < 6 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (number) index = std::stoul(std::string(n));
        file = number && index >= 1 && index <= copies.size() ? copies[index - 1] : std::string{};
    } else if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        file.clear();
    }
    if (!dir || file.empty())
        return error_response({404, "not_found",
                               fmt::format("no such download: downloads are kept for {:g} minutes after the upload; "
                                           "drop the workbooks again",
                                           m_options.keep_minutes)});
    int fd = ::open((*dir / file).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st{};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0) ::close(fd);
        return error_response({404, "not_found", fmt::format("{} was not made for this pack", file), file});
    }
    http::Response r;
    r.content_type = content_type_for(file);
    r.file.emplace(fd, static_cast<std::uint64_t>(st.st_size));
    r.set("Content-Disposition", attachment(fs::path(file).filename().string()));
    r.set("Cache-Control", "no-store");
    add_security_headers(r);
    return r;
}

http::Dispatch WebApp::start_upload(const http::Request& req) {
    auto boundary = http::multipart_boundary(req.field_or_empty("content-type"));
    if (!boundary)
        return answer(error_response(
            {415, "not_multipart", "send the workbooks as multipart/form-data, in fields named 'files'"}));
    if (++m_active_uploads > m_options.upload.max_concurrent) {
        --m_active_uploads;
        return answer(error_response(
            {503, "busy",
             fmt::format("the server is receiving or building {} uploads already: try again in a moment",
                         m_options.upload.max_concurrent)}));
    }
    auto slot = std::make_shared<ActiveUpload>(m_active_uploads);
    auto upload = m_store.create();
    if (!upload) return answer(error_response({500, "output_failed", upload.error().message}));
    http::Dispatch d;
    d.body = std::make_unique<UploadBody>(*this, std::move(*upload), std::move(*boundary), std::move(slot));
    return d;
}

void WebApp::start_build(UploadStore::Upload upload, std::vector<UploadedFile> files, CivilDate as_of,
                         http::Responder reply, std::shared_ptr<void> slot) {
    BuildQueue::Job job;
    job.abandoned = [reply] { return reply.cancelled(); };
    job.run = [this, upload = std::move(upload), files = std::move(files), as_of, reply,
               slot = std::move(slot)](bool cancelled) {
        if (cancelled || reply.cancelled()) {
            m_store.remove(upload.id);
            log("build cancelled before it started: the client went away");
            return;
        }
        try {
            build(upload, files, as_of, reply);
        } catch (const std::exception& e) {
            m_store.remove(upload.id);
            reply.send(error_response(
                {500, "internal_error", fmt::format("boardpack failed on this upload ({}): please report it", e.what())}));
        } catch (...) {
            m_store.remove(upload.id);
            reply.send(error_response({500, "internal_error", "boardpack failed on this upload: please report it"}));
        }
    };
    m_builds.push(std::move(job));
}

void WebApp::build(const UploadStore::Upload& upload, const std::vector<UploadedFile>& files, CivilDate as_of,
                   const http::Responder& reply) {
    auto started = std::chrono::steady_clock::now();
    pipeline::Options options = m_settings.options;
    options.as_of = as_of;
    options.cancel = reply.cancel_flag();
    std::vector<pipeline::NamedFile> named;
    for (const auto& f : files) named.push_back({f.path.string(), f.name, false});
    model::Pack result = pipeline::run_named(named, options);
    std::error_code ec;
    auto gone = [&] {
        if (!reply.cancelled()) return false;
        m_store.remove(upload.id);
        log("build cancelled: the client went away");
        return true;
    };
    if (gone()) return;
    Outputs outputs;
    auto e = write_outputs(result, upload.dir, named, outputs, upload.id, m_settings.report_template.get());
    fs::remove_all(upload.dir / "in", ec);  // the workbooks are not kept (their checked copies are made)
    if (e) {
        m_store.remove(upload.id);
        return reply.send(error_response(*e));
    }
    if (gone()) return;
    const json& downloads = outputs.downloads;
    const std::string& summary = outputs.summary;
    if (downloads.empty()) {
        m_store.remove(upload.id);  // nothing readable: nothing to keep
    } else if (!m_store.publish(upload.id)) {
        return reply.send(error_response(
            {507, "storage_full",
             fmt::format("the board pack is larger than the {} this server keeps for downloads (--max-stored-mb)",
                         size_text(m_options.store.max_bytes))}));
    }
    json body;
    body["id"] = upload.id;
    body["expires_in_seconds"] = std::chrono::duration_cast<std::chrono::seconds>(m_store.keep()).count();
    body["elapsed_ms"] =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    body["downloads"] = downloads;
    body["returns"] = outputs.returns;
    // The same document as the summary.json downloaded (nothing built: no outputs to name).
    body["summary"] = summary.empty() ? render::summary_json(result, {}) : json::parse(summary);
    reply.send(json_response(body));
}

void WebApp::on_done(const http::Request& req, int status) {
    if (!req.path.starts_with("/api/")) return;
    log(fmt::format("{} {} {}", req.method, req.path, status ? std::to_string(status) : "(client gone)"));
}

void WebApp::log(std::string_view line) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    std::lock_guard lock(m_log_mutex);
    fmt::print("{:%H:%M:%S} {}\n", tm, line);
    std::fflush(stdout);
}

}  // namespace bp::app
