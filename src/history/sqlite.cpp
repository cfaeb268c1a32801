#include "history/sqlite.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include <utility>

namespace bp::history {

namespace {

// What the user can do about each kind of failure; SQLite's own words are kept in brackets.
std::string explain(int code, std::string_view detail) {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return fmt::format("is locked by another program (another boardpack build?) ({}): try again when it has finished",
                               detail);
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return fmt::format("cannot be written ({}): make it and its folder writable, or give --history another file",
                               detail);
        case SQLITE_NOTADB:
            return "is not a boardpack history (not an SQLite database): give --history another file, or move this one aside";
        case SQLITE_CORRUPT:
            return fmt::format("is damaged ({}): move it aside (boardpack then starts a new history) or restore a copy",
                               detail);
        case SQLITE_CANTOPEN:
            return fmt::format("cannot be opened ({}): check the folder exists and may be read", detail);
        case SQLITE_FULL:
            return "cannot be written: the disk is full";
        case SQLITE_IOERR:
            return fmt::format("could not be read or written ({})", detail);
        default:
            return fmt::format("failed ({})", detail);
    }
}

}  // namespace

Result<Database> Database::open(const std::string& path, OpenMode mode, int wait_ms) {
    int flags = mode == OpenMode::read ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        return make_error(Errc::io, explain(rc, detail), {path});
    }
    sqlite3_extended_result_codes(db, 1);
    // Two builds into one history at once: the second waits for the first's transaction.
    sqlite3_busy_timeout(db, wait_ms);
    return Database(db, path);
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Database::~Database() { sqlite3_close_v2(m_db); }

Error Database::error(std::string_view doing) const {
    int code = sqlite3_extended_errcode(m_db);
    std::string message = explain(code, sqlite3_errmsg(m_db));
    if (!doing.empty()) message = fmt::format("{}: {}", doing, message);
    return make_error(Errc::io, std::move(message), {m_path});
}

Status Database::exec(const char* sql) {
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return error("");
    return Ok{};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) return error("");
    return Statement(stmt, this);
}

bool Database::read_only() const { return sqlite3_db_readonly(m_db, "main") == 1; }

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_db(other.m_db) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int i, std::string_view text) {
    sqlite3_bind_text(m_stmt, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int i, std::int64_t number) {
    sqlite3_bind_int64(m_stmt, i, number);
    return *this;
}

Statement& Statement::bind(int i, std::optional<double> number) {
    if (number)
        sqlite3_bind_double(m_stmt, i, *number);
    else
        sqlite3_bind_null(m_stmt, i);
    return *this;
}

Statement& Statement::bind_null(int i) {
    sqlite3_bind_null(m_stmt, i);
    return *this;
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return m_db->error("");
}

Status Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) return row.take_error();
        if (!*row) return Ok{};
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string Statement::text(int column) const {
    const unsigned char* t = sqlite3_column_text(m_stmt, column);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string{};
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

std::optional<double> Statement::number(int column) const {
    if (null(column)) return std::nullopt;
    return sqlite3_column_double(m_stmt, column);
}

bool Statement::null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

}  // namespace bp::history
