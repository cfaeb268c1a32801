#include "app/http/server.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "app/http/body.hpp"

namespace bp::app::http {

using Clock = std::chrono::steady_clock;

FileBody& FileBody::operator=(FileBody&& o) noexcept {
    if (this != &o) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = std::exchange(o.m_fd, -1);
        m_size = o.m_size;
    }
    return *this;
}

FileBody::~FileBody() {
    if (m_fd >= 0) ::close(m_fd);
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 100: return "Continue";
        case 200: return "OK";
        case 204: return "No Content";
        case 400: return "Bad Request";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 411: return "Length Required";
        case 413: return "Content Too Large";
        case 414: return "URI Too Long";
        case 415: return "Unsupported Media Type";
        case 417: return "Expectation Failed";
        case 422: return "Unprocessable Content";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        case 505: return "HTTP Version Not Supported";
        case 507: return "Insufficient Storage";
        default: return status < 400 ? "OK" : "Error";
    }
}

// Where answers made on other threads wait for the server's thread. It
// outlives the server when a Responder is still held somewhere.
struct Mailbox {
    std::mutex mutex;
    int wake_fd = -1;  // eventfd; -1 once the server is gone
    std::vector<std::pair<std::uint64_t, Response>> answers;

    void wake() {
        std::uint64_t one = 1;
        if (wake_fd >= 0) [[maybe_unused]] auto n = ::write(wake_fd, &one, sizeof one);
    }
};

struct Responder::State {
    std::shared_ptr<Mailbox> mailbox;
    std::uint64_t serial = 0;  // of the connection waiting
    std::atomic<bool> cancelled{false};
    std::atomic<bool> sent{false};
};

void Responder::send(Response response) const {
    if (m_state->sent.exchange(true) || m_state->cancelled) return;
    std::lock_guard lock(m_state->mailbox->mutex);
    if (m_state->mailbox->wake_fd < 0) return;
    m_state->mailbox->answers.emplace_back(m_state->serial, std::move(response));
    m_state->mailbox->wake();
}

bool Responder::cancelled() const { return m_state->cancelled.load(); }
const std::atomic<bool>* Responder::cancel_flag() const { return &m_state->cancelled; }

namespace {

constexpr std::size_t k_read_chunk = 64 * 1024;
constexpr int k_reads_per_event = 4;  // then other connections get their turn
constexpr std::uint64_t k_listen_serial = 0, k_wake_serial = 1;

enum class Phase { head, body, waiting, writing, lingering };

struct Connection {
    int fd = -1;
    std::uint64_t serial = 0;
    Phase phase = Phase::head;
    Clock::time_point phase_start, last_progress;
    std::string in;  // an incomplete head, or bytes sent after the current request
    std::optional<Request> request;
    bool reported = true;  // on_done was called for `request`
    std::optional<BodyDecoder> decoder;
    std::unique_ptr<BodyReader> reader;
    std::shared_ptr<Responder::State> exchange;
    std::string interim;  // 100 Continue, while the body is read
    std::string out;
    std::size_t out_pos = 0;
    std::optional<FileBody> file;
    off_t file_pos = 0;
    int status = 0;
    bool close_after = false;
    bool drain = false;  // the body was refused: read and drop it while answering
    std::uint64_t drained = 0;
    std::uint64_t sent = 0;  // of the response being written
    std::size_t requests = 0;
    std::uint32_t events = 0;
};

std::string sanitized(std::string_view v) {
    std::string out;
    for (char c : v)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

}  // namespace

class Server::Impl {
public:
    Impl(const ServerOptions& o, Application& app) : m_options(o), m_app(app) {}
    ~Impl();

    Status open();
    void run();
    void stop() {
        m_stopping = true;
        std::lock_guard lock(m_mailbox->mutex);
        m_mailbox->wake();
    }
    int port() const { return m_port; }

private:
    void accept_all();
    void make_room();
    void on_event(Connection& c, std::uint32_t events);
    void on_readable(Connection& c);
    void on_input(Connection& c, std::string_view bytes);
    void process_head(Connection& c);
    void start_request(Connection& c);
    void feed_body(Connection& c, std::string_view bytes);
    void end_body(Connection& c);
    void respond(Connection& c, Response r);
    void refuse(Connection& c, int status, std::string_view code, std::string_view message, bool drain);
    void on_writable(Connection& c);
    void finish_response(Connection& c);
    void deliver_answers();
    void check_deadlines();
    bool too_slow(const Connection& c, Clock::time_point now) const;
    int wait_ms() const;
    void watch(Connection& c, std::uint32_t events);
    void close(Connection& c);
    void report(Connection& c, int status);
    Response safe_error(int status, std::string_view code, std::string_view message);

    ServerOptions m_options;
    Application& m_app;
    int m_listen = -1, m_epoll = -1;
    int m_spare = -1;  // a descriptor held back, to accept and close a connection when none are left
    int m_port = 0;
    std::shared_ptr<Mailbox> m_mailbox = std::make_shared<Mailbox>();
    std::atomic<bool> m_stopping{false};
    std::uint64_t m_next_serial = 2;
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> m_conns;
    std::vector<std::uint64_t> m_closed;  // erased after each round of events
    char m_buf[k_read_chunk];
};

Server::Impl::~Impl() {
    for (auto& [serial, c] : m_conns)
        if (c->fd >= 0) close(*c);
    {
        std::lock_guard lock(m_mailbox->mutex);
        if (m_mailbox->wake_fd >= 0) ::close(m_mailbox->wake_fd);
        m_mailbox->wake_fd = -1;
        m_mailbox->answers.clear();
    }
    if (m_listen >= 0) ::close(m_listen);
    if (m_epoll >= 0) ::close(m_epoll);
    if (m_spare >= 0) ::close(m_spare);
}

Status Server::Impl::open() {
    // A client that closes early must not kill the process through a write (sendfile has no MSG_NOSIGNAL).
    ::signal(SIGPIPE, SIG_IGN);
    // Each connection, upload being written and download being sent holds a descriptor.
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    m_spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    std::string port = std::to_string(m_options.port);
    int rc = ::getaddrinfo(m_options.host.empty() ? nullptr : m_options.host.c_str(), port.c_str(), &hints, &found);
    if (rc != 0) return make_error(Errc::io, fmt::format("cannot resolve '{}': {}", m_options.host, gai_strerror(rc)));
    int error = 0;
    for (addrinfo* a = found; a && m_listen < 0; a = a->ai_next) {
        int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int yes = 1;
        // SO_REUSEADDR only: SO_REUSEPORT would let a second server share the port unnoticed.
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, m_options.backlog) == 0) {
            m_listen = fd;
        } else {
            error = errno;
            ::close(fd);
        }
    }
    ::freeaddrinfo(found);
    if (m_listen < 0) return make_error(Errc::io, std::strerror(error ? error : EADDRNOTAVAIL));
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port
                                              : reinterpret_cast<sockaddr_in*>(&addr)->sin_port);

    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    m_mailbox->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epoll < 0 || m_mailbox->wake_fd < 0) return make_error(Errc::io, std::strerror(errno));
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = k_listen_serial;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listen, &ev);
    ev.data.u64 = k_wake_serial;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_mailbox->wake_fd, &ev);
    return Ok{};
}

void Server::Impl::run() {
    epoll_event events[256];
    while (!m_stopping) {
        int n = ::epoll_wait(m_epoll, events, 256, wait_ms());
        if (n < 0 && errno != EINTR) break;
        for (int i = 0; i < n; ++i) {
            std::uint64_t serial = events[i].data.u64;
            if (serial == k_listen_serial) {
                accept_all();
            } else if (serial == k_wake_serial) {
                std::uint64_t count;
                [[maybe_unused]] auto r = ::read(m_mailbox->wake_fd, &count, sizeof count);
                deliver_answers();
            } else if (auto it = m_conns.find(serial); it != m_conns.end() && it->second->fd >= 0) {
                Connection& c = *it->second;
                try {
                    on_event(c, events[i].events);
                } catch (...) {  // out of memory, or a bug: this connection goes, the server stays
                    close(c);
                }
            }
        }
        check_deadlines();
        for (auto serial : m_closed) m_conns.erase(serial);
        m_closed.clear();
    }
}

int Server::Impl::wait_ms() const {
    return 250;  // deadlines are checked four times a second; they are seconds long
}

void Server::Impl::watch(Connection& c, std::uint32_t events) {
    if (c.events == events) return;
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = c.serial;
    ::epoll_ctl(m_epoll, c.events ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, c.fd, &ev);
    c.events = events;
}

// At the connection limit, the connection that has waited longest for a head
// (a slow or idle client) makes room; a fast request never waits behind them.
void Server::Impl::make_room() {
    Connection* oldest = nullptr;
    for (auto& [serial, c] : m_conns) {
        if (c->fd < 0 || (c->phase != Phase::head && c->phase != Phase::lingering)) continue;
        if (!oldest || c->phase_start < oldest->phase_start) oldest = c.get();
    }
    if (oldest) close(*oldest);
}

void Server::Impl::accept_all() {
    for (int k = 0; k < 64; ++k) {
        int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0 && (errno == EMFILE || errno == ENFILE) && m_spare >= 0) {
            // Out of descriptors: the waiting connection would wake us forever. Take it with the spare and close it.
            ::close(m_spare);
            fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd >= 0) ::close(fd);
            m_spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            continue;
        }
        if (fd < 0) return;  // EAGAIN: nothing more waiting
        if (m_conns.size() - m_closed.size() >= m_options.max_connections) make_room();
        if (m_conns.size() - m_closed.size() >= m_options.max_connections) {
            static constexpr std::string_view busy =
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 5\r\nConnection: close\r\n\r\n";
            [[maybe_unused]] auto n = ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            ::close(fd);
            continue;
        }
        int yes = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        auto c = std::make_unique<Connection>();
        c->fd = fd;
        c->serial = m_next_serial++;
        c->phase_start = c->last_progress = Clock::now();
        Connection& ref = *c;
        m_conns.emplace(c->serial, std::move(c));
        watch(ref, EPOLLIN | EPOLLRDHUP);
    }
}

void Server::Impl::on_event(Connection& c, std::uint32_t events) {
    switch (c.phase) {
        case Phase::head:
        case Phase::body:
        case Phase::lingering:
            if (!c.interim.empty() && (events & EPOLLOUT)) {
                ssize_t n = ::send(c.fd, c.interim.data(), c.interim.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n > 0) c.interim.erase(0, static_cast<std::size_t>(n));
                if (c.interim.empty()) watch(c, EPOLLIN | EPOLLRDHUP);
            }
            if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) on_readable(c);
            break;
        case Phase::waiting:
            // The client has gone (or shut its side) while its answer is being made: stop the work.
            if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) close(c);
            break;
        case Phase::writing:
            if (events & (EPOLLHUP | EPOLLERR)) return close(c);
            if (c.drain && (events & (EPOLLIN | EPOLLRDHUP))) on_readable(c);
            if (c.fd >= 0 && c.phase == Phase::writing && (events & EPOLLOUT)) on_writable(c);
            break;
    }
}

void Server::Impl::on_readable(Connection& c) {
    for (int k = 0; k < k_reads_per_event && c.fd >= 0; ++k) {
        ssize_t n = ::recv(c.fd, m_buf, sizeof m_buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n <= 0) return close(c);  // the client closed (or reset) its side: whatever was pending is abandoned
        c.last_progress = Clock::now();
        std::string_view bytes(m_buf, static_cast<std::size_t>(n));
        if (c.phase == Phase::lingering || (c.phase == Phase::writing && c.drain)) {
            c.drained += bytes.size();
            if (c.drained > m_options.max_body_bytes + (1u << 20)) return close(c);
            continue;
        }
        on_input(c, bytes);
        if (c.phase == Phase::waiting || (c.phase == Phase::writing && !c.drain)) return;  // the rest waits
    }
}

void Server::Impl::on_input(Connection& c, std::string_view bytes) {
    if (c.phase == Phase::body) return feed_body(c, bytes);
    if (c.phase != Phase::head) {  // bytes of a next request, sent early (pipelining)
        if (c.in.size() + bytes.size() > m_options.head.max_head_bytes) return close(c);
        c.in.append(bytes);
        return;
    }
    c.in.append(bytes);
    process_head(c);
}

void Server::Impl::process_head(Connection& c) {
    std::size_t end = head_end(c.in);
    if (end == 0) {
        if (c.in.size() > m_options.head.max_head_bytes)
            refuse(c, 431, "head_too_large", "the request's header fields are too large", false);
        return;
    }
    auto parsed = parse_head(std::string_view(c.in).substr(0, end), m_options.head);
    c.in.erase(0, end);
    if (auto* e = std::get_if<HeadError>(&parsed)) {
        // The request cannot be framed reliably after a bad head: answer and close.
        return refuse(c, e->status, e->code, e->message, true);
    }
    c.request = std::move(std::get<Request>(parsed));
    c.reported = false;
    start_request(c);
}

void Server::Impl::start_request(Connection& c) {
    Request& req = *c.request;
    if (++c.requests >= m_options.max_requests_per_connection) req.keep_alive = false;
    if (req.content_length && *req.content_length > m_options.max_body_bytes)
        return refuse(c, 413, "request_too_large",
                      fmt::format("the request is over the limit of {} MB", m_options.max_body_bytes >> 20), true);
    if (m_stopping) req.keep_alive = false;
    Dispatch d;
    try {
        d = m_app.on_request(req);
    } catch (...) {
        return refuse(c, 500, "internal_error", "boardpack failed on this request: please report it", true);
    }
    if (d.answer) {
        if (req.has_body()) d.answer->close = true, c.drain = true;
        return respond(c, std::move(*d.answer));
    }
    if (!d.body) return refuse(c, 500, "internal_error", "the request was not handled: please report it", true);
    c.reader = std::move(d.body);
    c.decoder.emplace(req, m_options.max_body_bytes);
    c.phase = Phase::body;
    c.phase_start = c.last_progress = Clock::now();
    if (req.expect_continue) {
        c.interim = "HTTP/1.1 100 Continue\r\n\r\n";
        watch(c, EPOLLIN | EPOLLRDHUP | EPOLLOUT);
    }
    std::string early = std::move(c.in);
    c.in.clear();
    feed_body(c, early);
}

void Server::Impl::feed_body(Connection& c, std::string_view bytes) {
    std::optional<Response> refused;
    BodyDecoder::Step step;
    try {
        step = c.decoder->feed(bytes, [&](std::string_view data) {
            refused = c.reader->on_data(data);
            return !refused;
        });
    } catch (...) {
        c.reader.reset();
        return refuse(c, 500, "internal_error", "boardpack failed while reading the upload: please report it", true);
    }
    if (refused) {
        c.reader.reset();
        refused->close = true;
        c.drain = true;
        return respond(c, std::move(*refused));
    }
    if (step.error) {
        c.reader.reset();
        return refuse(c, step.error->status, step.error->code, step.error->message, true);
    }
    if (!step.done) return;
    c.in.append(bytes.substr(step.consumed));
    end_body(c);
}

void Server::Impl::end_body(Connection& c) {
    c.decoder.reset();
    c.phase = Phase::waiting;
    c.exchange = std::make_shared<Responder::State>();
    c.exchange->mailbox = m_mailbox;
    c.exchange->serial = c.serial;
    watch(c, EPOLLRDHUP);
    std::unique_ptr<BodyReader> reader = std::move(c.reader);
    try {
        reader->on_end(Responder(c.exchange));
    } catch (...) {
        Responder(c.exchange).send(safe_error(500, "internal_error", "boardpack failed on this request: please report it"));
    }
}

void Server::Impl::deliver_answers() {
    std::vector<std::pair<std::uint64_t, Response>> answers;
    {
        std::lock_guard lock(m_mailbox->mutex);
        answers.swap(m_mailbox->answers);
    }
    for (auto& [serial, response] : answers) {
        auto it = m_conns.find(serial);
        if (it == m_conns.end() || it->second->fd < 0 || it->second->phase != Phase::waiting) continue;
        try {
            respond(*it->second, std::move(response));
        } catch (...) {
            close(*it->second);
        }
    }
}

Response Server::Impl::safe_error(int status, std::string_view code, std::string_view message) {
    try {
        return m_app.error(status, code, message);
    } catch (...) {
        Response r;
        r.status = status;
        r.content_type = "text/plain";
        r.body = std::string(message);
        return r;
    }
}

void Server::Impl::refuse(Connection& c, int status, std::string_view code, std::string_view message, bool drain) {
    Response r = safe_error(status, code, message);
    r.close = true;
    c.drain = drain;
    respond(c, std::move(r));
}

void Server::Impl::respond(Connection& c, Response r) {
    c.exchange.reset();
    c.reader.reset();
    c.decoder.reset();
    c.interim.clear();
    bool head_only = c.request && c.request->method == "HEAD";
    std::uint64_t length = r.file ? r.file->size() : r.body.size();
    c.status = r.status;
    c.close_after = r.close || !c.request || !c.request->keep_alive || m_stopping;
    std::string& out = c.out;
    out = fmt::format("HTTP/1.1 {} {}\r\n", r.status, reason_phrase(r.status));
    if (!r.content_type.empty()) out += fmt::format("Content-Type: {}\r\n", sanitized(r.content_type));
    if (r.status != 204) out += fmt::format("Content-Length: {}\r\n", length);
    for (const auto& [name, value] : r.fields) out += fmt::format("{}: {}\r\n", sanitized(name), sanitized(value));
    out += c.close_after ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    if (!head_only && r.status != 204) {
        if (r.file) c.file = std::move(r.file);
        else out += r.body;
    }
    c.out_pos = 0;
    c.file_pos = 0;
    c.sent = 0;
    c.phase = Phase::writing;
    c.phase_start = c.last_progress = Clock::now();
    // No EPOLLRDHUP unless draining: a client that shut its side while we wait to write would wake us forever.
    watch(c, EPOLLOUT | (c.drain ? EPOLLIN | EPOLLRDHUP : 0u));
    on_writable(c);
}

void Server::Impl::on_writable(Connection& c) {
    while (c.out_pos < c.out.size()) {
        ssize_t n = ::send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n < 0) return close(c);
        c.out_pos += static_cast<std::size_t>(n);
        c.sent += static_cast<std::uint64_t>(n);
        c.last_progress = Clock::now();
    }
    while (c.file && static_cast<std::uint64_t>(c.file_pos) < c.file->size()) {
        std::size_t left = static_cast<std::size_t>(c.file->size() - static_cast<std::uint64_t>(c.file_pos));
        ssize_t n = ::sendfile(c.fd, c.file->fd(), &c.file_pos, std::min<std::size_t>(left, 1u << 20));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n <= 0) return close(c);  // an error, or the file shrank under us
        c.sent += static_cast<std::uint64_t>(n);
        c.last_progress = Clock::now();
    }
    finish_response(c);
}

void Server::Impl::finish_response(Connection& c) {
    report(c, c.status);
    c.out.clear();
    c.out.shrink_to_fit();
    c.file.reset();
    if (c.close_after) {
        // Lingering close: shut our side, then read what the client still sends
        // for a moment, so it sees the answer rather than a reset.
        ::shutdown(c.fd, SHUT_WR);
        c.phase = Phase::lingering;
        c.phase_start = Clock::now();
        watch(c, EPOLLIN | EPOLLRDHUP);
        return;
    }
    c.request.reset();
    c.drain = false;
    c.phase = Phase::head;
    c.phase_start = c.last_progress = Clock::now();
    watch(c, EPOLLIN | EPOLLRDHUP);
    if (!c.in.empty()) process_head(c);
}

void Server::Impl::report(Connection& c, int status) {
    if (c.reported || !c.request) return;
    c.reported = true;
    try {
        m_app.on_done(*c.request, status);
    } catch (...) {
    }
}

// An upload arriving, or a download leaving, below the minimum rate once it
// has run for the idle timeout: a client cannot hold its slot by a trickle.
bool Server::Impl::too_slow(const Connection& c, Clock::time_point now) const {
    auto elapsed = now - c.phase_start;
    if (m_options.min_bytes_per_second == 0 || elapsed <= m_options.idle_timeout) return false;
    std::uint64_t moved = c.phase == Phase::body ? (c.decoder ? c.decoder->decoded() : 0) : c.sent;
    double seconds = std::chrono::duration<double>(elapsed).count();
    return static_cast<double>(moved) < seconds * static_cast<double>(m_options.min_bytes_per_second);
}

void Server::Impl::check_deadlines() {
    auto now = Clock::now();
    std::vector<Connection*> late;
    for (auto& [serial, c] : m_conns) {
        if (c->fd < 0) continue;
        bool over = false;
        switch (c->phase) {
            case Phase::head: over = now - c->phase_start > m_options.header_timeout; break;
            case Phase::body:
            case Phase::writing:
                over = now - c->phase_start > m_options.body_timeout || now - c->last_progress > m_options.idle_timeout ||
                       too_slow(*c, now);
                break;
            case Phase::lingering: over = now - c->phase_start > m_options.linger; break;
            case Phase::waiting: break;  // the application's work has limits of its own
        }
        if (over) late.push_back(c.get());
    }
    for (Connection* c : late) {
        if (c->phase == Phase::head && !c->in.empty())
            refuse(*c, 408, "request_timeout", "the request's head did not arrive in time", false);
        else if (c->phase == Phase::body)
            refuse(*c, 408, "request_timeout", "the upload did not arrive in time, or arrived too slowly: try again", false);
        else
            close(*c);  // an idle connection, a client not reading its answer, or the end of a linger
    }
}

void Server::Impl::close(Connection& c) {
    if (c.fd < 0) return;
    if (c.exchange) c.exchange->cancelled = true;
    c.exchange.reset();
    c.reader.reset();  // the application cleans up what it had for this request
    report(c, 0);
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
    ::close(c.fd);
    c.fd = -1;
    c.file.reset();
    m_closed.push_back(c.serial);
}

Result<std::unique_ptr<Server>> Server::listen(const ServerOptions& options, Application& app) {
    auto impl = std::make_unique<Impl>(options, app);
    BP_TRY(impl->open());
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Server::~Server() = default;
int Server::port() const { return m_impl->port(); }
void Server::run() { m_impl->run(); }
void Server::stop() { m_impl->stop(); }

}  // namespace bp::app::http
