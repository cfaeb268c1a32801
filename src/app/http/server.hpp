// A small HTTP/1.1 server built so that no client can hold it up. One thread
// does all socket work on non-blocking sockets (epoll): a slow client costs a
// connection slot and a small buffer, never a thread. Every phase of a
// request has a deadline of its own: the whole head, the whole body, and no
// progress in either direction for too long. Request bodies are pushed to the
// application as they arrive, so nothing is held whole in memory, and the
// application answers when it is ready, from any thread. When the client goes
// away first, the application is told (Responder::cancelled), so work for it
// can stop.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/http/request.hpp"
#include "util/result.hpp"

namespace bp::app::http {

// A file to send as a response body (downloads): opened by the application,
// sent with sendfile(2), closed by the server.
class FileBody {
public:
    FileBody() = default;
    FileBody(int fd, std::uint64_t size) : m_fd(fd), m_size(size) {}
    FileBody(FileBody&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)), m_size(o.m_size) {}
    FileBody& operator=(FileBody&& o) noexcept;
    ~FileBody();
    int fd() const { return m_fd; }
    std::uint64_t size() const { return m_size; }

private:
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

struct Response {
    int status = 200;
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> fields;  // more header fields
    std::string body;
    std::optional<FileBody> file;  // sent instead of `body` when set
    bool close = false;            // close the connection after this response

    void set(std::string name, std::string value) { fields.emplace_back(std::move(name), std::move(value)); }
};

// The answer to one request that is being worked on. Copies share it; the
// first send() wins. Safe to use from any thread, and after the connection
// (or the whole server) is gone.
class Responder {
public:
    void send(Response response) const;
    // The client went away (or the server is stopping): the answer would be dropped.
    bool cancelled() const;
    // The same as a flag, for work that polls it (pipeline::Options::cancel).
    const std::atomic<bool>* cancel_flag() const;

    struct State;
    explicit Responder(std::shared_ptr<State> s) : m_state(std::move(s)) {}

private:
    std::shared_ptr<State> m_state;
};

// Takes a request body as it arrives, already decoded from its framing.
class BodyReader {
public:
    virtual ~BodyReader() = default;
    // The next bytes. A response refuses the rest: it is sent at once and
    // whatever the client still sends is read for a while and dropped.
    virtual std::optional<Response> on_data(std::string_view bytes) = 0;
    // The whole body has arrived: answer through `reply`, now or later. The
    // reader is destroyed after this returns (and when the client leaves first).
    virtual void on_end(Responder reply) = 0;
};

struct Dispatch {
    std::optional<Response> answer;    // answer now (a body, if any, is read and dropped)
    std::unique_ptr<BodyReader> body;  // or: stream the body into this
};

class Application {
public:
    virtual ~Application() = default;
    // A request whose head is complete and well-formed. Runs on the server's
    // thread, so it must not block: long work goes to a thread of its own.
    virtual Dispatch on_request(const Request& request) = 0;
    // The body of a response the server makes itself (malformed requests, timeouts).
    virtual Response error(int status, std::string_view code, std::string_view message) = 0;
    // A response has been sent (or given up) for this request.
    virtual void on_done(const Request& request, int status) { (void)request, (void)status; }
};

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port
    int backlog = 4096;  // capped by net.core.somaxconn
    std::chrono::milliseconds header_timeout{10'000};  // the whole head, from the connection or the last response
    std::chrono::milliseconds body_timeout{120'000};   // the whole body; also a whole response
    std::chrono::milliseconds idle_timeout{10'000};    // no byte moving either way in a body or a response
    std::chrono::milliseconds linger{2'000};           // reading what a refused client still sends
    // After its first idle_timeout, a body or a response must have moved at
    // least this on average (0: no minimum): a trickle cannot hold a slot.
    std::uint64_t min_bytes_per_second = 16 * 1024;
    std::size_t max_connections = 512;
    std::uint64_t max_body_bytes = 100ull << 20;       // Content-Length or chunked, per request
    std::size_t max_requests_per_connection = 100;
    HeadLimits head;
};

class Server {
public:
    // Binds and listens; the port is known from then on.
    static Result<std::unique_ptr<Server>> listen(const ServerOptions& options, Application& app);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int port() const;
    // Serves until stop(); then every connection is closed and every
    // outstanding Responder is cancelled.
    void run();
    void stop();  // from any thread (or a signal watcher)

    class Impl;

private:
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// The reason phrase of a status code.
std::string_view reason_phrase(int status);

}  // namespace bp::app::http
