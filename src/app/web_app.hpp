// The web page's application on boardpack's HTTP server: the routes of the
// API, the Host/Origin checks, uploads streamed into their folders, builds
// handed to the build queue, downloads sent from the pack's folder.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

#include "app/build_queue.hpp"
#include "app/http/allowed_hosts.hpp"
#include "app/http/server.hpp"
#include "app/serve.hpp"
#include "app/upload_receiver.hpp"
#include "app/upload_store.hpp"
#include "app/web_response.hpp"
#include "app/web_templates.hpp"

namespace bp::app {

class WebApp : public http::Application {
public:
    WebApp(const ServeOptions& options, RunSettings settings, UploadStore& store, BuildQueue& builds);

    // Known once the server is bound (the port may have been chosen by the kernel).
    void set_allowed_hosts(http::AllowedHosts hosts) { m_hosts = std::move(hosts); }

    http::Dispatch on_request(const http::Request& request) override;
    http::Response error(int status, std::string_view code, std::string_view message) override;
    void on_done(const http::Request& request, int status) override;

    // Prints a timestamped line (the server's log).
    void log(std::string_view line);

private:
    class UploadBody;
    std::optional<WebError> check_origin(const http::Request& request) const;
    http::Dispatch start_upload(const http::Request& request);
    void start_build(UploadStore::Upload upload, std::vector<UploadedFile> files, CivilDate as_of, http::Responder reply,
                     std::shared_ptr<void> slot);
    void build(const UploadStore::Upload& upload, const std::vector<UploadedFile>& files, CivilDate as_of,
               const http::Responder& reply);
    http::Response team_template(std::string_view name);
    // The report date when the page sends none: --as-of, else today (read at each upload).
    CivilDate default_report_date() const;
    http::Response download(std::string_view id, std::string_view name) const;
    http::Response limits() const;

    const ServeOptions& m_options;
    RunSettings m_settings;
    UploadStore& m_store;
    BuildQueue& m_builds;
    std::optional<http::AllowedHosts> m_hosts;
    WebTemplates m_templates;
    std::atomic<std::size_t> m_active_uploads{0};
    std::mutex m_log_mutex;
};

}  // namespace bp::app
