// The history database: every pack built, keyed by pack name and period, so
// the next board's pack can be compared with the last one. An SQLite file
// (schema below, in store.cpp) that other tools may read too.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "history/sqlite.hpp"
#include "model/pack.hpp"
#include "model/snapshot.hpp"
#include "util/result.hpp"

namespace bp::history {

// One pack the history holds, for `boardpack history`.
struct PackEntry {
    std::string pack;  // the pack's name (its output folder's)
    YearMonth period;
    CivilDate report_date;
    std::string built_at;  // ISO 8601 UTC, as recorded
    std::string tool_version;
    int actions = 0, measures = 0;
};

class Store {
public:
    static constexpr int k_schema_version = 1;

    // OpenMode::create makes the file (and its schema) when missing; OpenMode::read
    // needs an existing history. Refused with a clear error: a file that is not an
    // SQLite database, one that is but not a boardpack history, one written by a
    // newer boardpack (a later schema), a damaged or locked one.
    static Result<Store> open(const std::string& path, OpenMode mode, int wait_ms = 10000);

    // The pack's actions and measures, with their source workbooks' SHA-256, in one
    // transaction; a pack of the same name and period already held is replaced.
    Status record(const model::Pack& pack, const std::string& pack_name);

    // The latest pack of this name whose period is before `period` (and, when given,
    // whose report date is before `reported_before`); none for a first pack.
    Result<std::optional<model::PackSnapshot>> previous(const std::string& pack_name, YearMonth period,
                                                        std::optional<CivilDate> reported_before = std::nullopt);

    // Every pack held, by pack name, then period.
    Result<std::vector<PackEntry>> list();

    bool read_only() const { return m_db.read_only(); }
    const std::string& path() const { return m_db.path(); }

private:
    explicit Store(Database db) : m_db(std::move(db)) {}
    Status check_schema(OpenMode mode);
    Database m_db;
};

}  // namespace bp::history
