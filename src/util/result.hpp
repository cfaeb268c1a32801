// Result<T>: a value or a located Error. Used where a step cannot continue
// (I/O, bad zip, bad XML); bad *data* becomes a check::Issue instead.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "util/cell_ref.hpp"

namespace bp {

enum class Errc {
    io,            // cannot open or read a file
    empty,         // zero-byte file
    not_xlsx,      // not a zip at all (text, CSV, image ...)
    legacy_xls,    // OLE compound file with a workbook stream
    encrypted,     // OLE compound file with EncryptionInfo
    bad_zip,       // truncated or corrupt zip
    too_large,     // a size, ratio or count limit was hit
    missing_part,  // a required part is absent
    bad_xml,       // malformed XML, or a DTD
    bad_value,     // a value that cannot be interpreted
    usage,         // bad command line or template
    output,        // cannot write an output
};

struct Location {
    std::string file;  // the workbook (or template) path as the user gave it
    std::string part;  // zip part, e.g. xl/worksheets/sheet2.xml
    std::string sheet;
    std::optional<CellPos> cell;  // the cell, when the problem is in one
    long line = 0;     // 1-based line in the part, 0 if unknown
};

struct Error {
    Errc code = Errc::io;
    std::string message;  // what is wrong and what to do
    Location where;
};

// "q3.xlsx: xl/worksheets/sheet2.xml line 7: unexpected end of data"
std::string to_string(const Error& e);

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(m_v); }
    const T& value() const& { assert(ok()); return std::get<0>(m_v); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }

    const Error& error() const { assert(!ok()); return std::get<1>(m_v); }
    Error&& take_error() { assert(!ok()); return std::get<1>(std::move(m_v)); }

private:
    std::variant<T, Error> m_v;
};

struct Ok {};
using Status = Result<Ok>;

inline Error make_error(Errc code, std::string message, Location where = {}) {
    return Error{code, std::move(message), std::move(where)};
}

}  // namespace bp

// Propagate an error from a Result-returning expression.
#define BP_CONCAT_INNER(a, b) a##b
#define BP_CONCAT(a, b) BP_CONCAT_INNER(a, b)
#define BP_TRY_IMPL(tmp, expr)                 \
    do {                                       \
        auto tmp = (expr);                     \
        if (!tmp) return tmp.take_error();     \
    } while (0)
#define BP_TRY(expr) BP_TRY_IMPL(BP_CONCAT(bp_try_r_, __COUNTER__), expr)
#define BP_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                           \
    if (!tmp) return tmp.take_error();           \
    lhs = std::move(tmp).value()
// Assign the value of a Result-returning expression or propagate its error.
#define BP_ASSIGN_OR_RETURN(lhs, expr) \
    BP_ASSIGN_OR_RETURN_IMPL(BP_CONCAT(bp_assign_r_, __LINE__), lhs, expr)
