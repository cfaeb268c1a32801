// A small RAII wrapper over SQLite's C API: one connection, prepared
// statements, and SQLite's result codes turned into Errors that say what
// happened to the file (locked, read-only, damaged, not a database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace bp::history {

enum class OpenMode {
    read,    // an existing file only, never written
    create,  // read and write, made when missing (read-only when the file is write-protected)
};

class Statement;

class Database {
public:
    // wait_ms: how long a statement waits for another program's lock before giving up.
    static Result<Database> open(const std::string& path, OpenMode mode, int wait_ms = 10000);
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    Status exec(const char* sql);
    Result<Statement> prepare(std::string_view sql);
    bool read_only() const;
    const std::string& path() const { return m_path; }
    // The last result code as an Error on this file: "doing" says what was being done.
    Error error(std::string_view doing) const;

private:
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::string m_path;
    friend class Statement;
};

class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are numbered from 1, as SQLite numbers them.
    Statement& bind(int i, std::string_view text);
    Statement& bind(int i, std::int64_t number);
    Statement& bind(int i, std::optional<double> number);  // null when empty
    Statement& bind_null(int i);

    Result<bool> step();  // true: a row is ready; false: done
    Status run();         // steps to the end (an INSERT, a DELETE)
    void reset();         // ready to bind and step again

    std::string text(int column) const;  // columns are numbered from 0
    std::int64_t integer(int column) const;
    std::optional<double> number(int column) const;  // empty when NULL
    bool null(int column) const;

private:
    Statement(sqlite3_stmt* stmt, const Database* db) : m_stmt(stmt), m_db(db) {}
    sqlite3_stmt* m_stmt = nullptr;
    const Database* m_db = nullptr;
    friend class Database;
};

}  // namespace bp::history
