#include "history/store.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <unordered_map>

#include "history/words.hpp"
#include "util/clock.hpp"

namespace bp::history {

namespace {

// "BPKH" in the file's header: SQLite's own way of saying which program's file it is.
constexpr std::int64_t k_application_id = 0x42504B48;

// Text columns hold summary.json's words and ISO dates, so the file reads
// plainly in any SQLite tool. One row per pack and period; its actions and
// measures point at it.
constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS packs (
    id           INTEGER PRIMARY KEY,
    pack         TEXT NOT NULL,   -- the pack's name: its output folder's
    period       TEXT NOT NULL,   -- YYYY-MM: the KPI period, or the report date's month
    report_date  TEXT NOT NULL,   -- YYYY-MM-DD (--as-of)
    built_at     TEXT NOT NULL,   -- ISO 8601 UTC
    tool_version TEXT NOT NULL,
    UNIQUE (pack, period)
);
CREATE TABLE IF NOT EXISTS actions (
    pack_id       INTEGER NOT NULL REFERENCES packs(id),
    ref           TEXT NOT NULL,
    section       TEXT NOT NULL,
    action        TEXT NOT NULL,
    status        TEXT NOT NULL,  -- blue, green, amber, red, unrated
    due           TEXT,           -- YYYY-MM-DD, NULL when none
    source_file   TEXT NOT NULL,
    source_sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actions_by_pack ON actions (pack_id);
CREATE TABLE IF NOT EXISTS measures (
    pack_id       INTEGER NOT NULL REFERENCES packs(id),
    ref           TEXT NOT NULL,
    title         TEXT NOT NULL,
    rating        TEXT NOT NULL,  -- green, amber, red, none
    value         REAL,           -- in the unit; percentages as fractions
    unit          TEXT NOT NULL,
    polarity      TEXT NOT NULL,  -- higher, lower, none
    source_file   TEXT NOT NULL,
    source_sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS measures_by_pack ON measures (pack_id);
PRAGMA application_id = 1112558408;
PRAGMA user_version = 1;
)sql";
static_assert(k_application_id == 1112558408 && Store::k_schema_version == 1, "k_schema states both");

// Rolls back unless committed, so a failed record leaves the history as it was.
class Transaction {
public:
    explicit Transaction(Database& db) : m_db(db) {}
    Status begin() {
        // IMMEDIATE: take the write lock now (waiting for another build), not half-way through.
        BP_TRY(m_db.exec("BEGIN IMMEDIATE"));
        m_open = true;
        return Ok{};
    }
    Status commit() {
        BP_TRY(m_db.exec("COMMIT"));
        m_open = false;
        return Ok{};
    }
    ~Transaction() {
        if (m_open) (void)m_db.exec("ROLLBACK");
    }

private:
    Database& m_db;
    bool m_open = false;
};

Result<std::int64_t> single_integer(Database& db, const char* sql) {
    BP_ASSIGN_OR_RETURN(Statement st, db.prepare(sql));
    BP_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? st.integer(0) : 0;
}

Error damaged(const Database& db, std::string what) {
    return make_error(Errc::bad_value,
                      fmt::format("is damaged: {}; move it aside (boardpack then starts a new history) or restore a copy",
                                  what),
                      {db.path()});
}

// The SHA-256 of each input, by its file name as records name it.
std::unordered_map<std::string, std::string> digests(const model::Pack& pack) {
    std::unordered_map<std::string, std::string> by_file;
    for (const auto& in : pack.inputs) by_file[in.file] = in.facts.sha256;
    return by_file;
}

std::string digest_of(const std::unordered_map<std::string, std::string>& by_file, const std::string& file) {
    auto it = by_file.find(file);
    return it == by_file.end() ? std::string{} : it->second;
}

std::optional<CivilDate> parse_date(const std::string& text) {
    auto d = parse_iso_datetime(text);
    if (!d || text.size() != 10) return std::nullopt;
    return d->date;
}

}  // namespace

Result<Store> Store::open(const std::string& path, OpenMode mode, int wait_ms) {
    BP_ASSIGN_OR_RETURN(Database db, Database::open(path, mode, wait_ms));
    Store store(std::move(db));
    BP_TRY(store.check_schema(mode));
    return store;
}

Status Store::check_schema(OpenMode mode) {
    // The first read of the file: a text file or a damaged one fails here, not later.
    BP_ASSIGN_OR_RETURN(std::int64_t id, single_integer(m_db, "PRAGMA application_id"));
    if (id == k_application_id) {
        BP_ASSIGN_OR_RETURN(std::int64_t version, single_integer(m_db, "PRAGMA user_version"));
        if (version > k_schema_version)
            return make_error(Errc::bad_value,
                              fmt::format("was written by a newer boardpack (history schema {}; this boardpack knows {}): "
                                          "build with that version, or give --history another file",
                                          version, k_schema_version),
                              {m_db.path()});
        if (version < 1) return damaged(m_db, "its schema version is missing");
        return Ok{};
    }
    BP_ASSIGN_OR_RETURN(std::int64_t tables, single_integer(m_db, "SELECT count(*) FROM sqlite_master"));
    if (id != 0 || tables > 0)
        return make_error(Errc::bad_value,
                          "is an SQLite database but not a boardpack history: give --history another file "
                          "(boardpack never writes into another program's database)",
                          {m_db.path()});
    // An empty database (a new or zero-byte file): give it the schema, if it may be written.
    if (mode == OpenMode::read || m_db.read_only()) return Ok{};
    Transaction t(m_db);
    BP_TRY(t.begin());
    BP_TRY(m_db.exec(k_schema));
    return t.commit();
}

Status Store::record(const model::Pack& pack, const std::string& pack_name) {
    const std::string period = period_key(model::pack_period(pack));
    Transaction t(m_db);
    BP_TRY(t.begin());
    // An empty file opened read-only has no schema yet; writing it fails here, with SQLite's reason.
    BP_TRY(m_db.exec(k_schema));
    for (const char* sql : {"DELETE FROM actions WHERE pack_id IN (SELECT id FROM packs WHERE pack = ?1 AND period = ?2)",
                            "DELETE FROM measures WHERE pack_id IN (SELECT id FROM packs WHERE pack = ?1 AND period = ?2)",
                            "DELETE FROM packs WHERE pack = ?1 AND period = ?2"}) {
        BP_ASSIGN_OR_RETURN(Statement del, m_db.prepare(sql));
        BP_TRY(del.bind(1, pack_name).bind(2, period).run());
    }
    BP_ASSIGN_OR_RETURN(Statement add_pack,
                        m_db.prepare("INSERT INTO packs (pack, period, report_date, built_at, tool_version) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"));
    add_pack.bind(1, pack_name).bind(2, period).bind(3, iso_date(pack.report_date)).bind(4, iso_utc(pack.built_at));
    add_pack.bind(5, pack.tool_version);
    BP_ASSIGN_OR_RETURN(bool added, add_pack.step());
    if (!added) return m_db.error("recording the pack");
    const std::int64_t id = add_pack.integer(0);
    BP_TRY(add_pack.run());

    auto by_file = digests(pack);
    BP_ASSIGN_OR_RETURN(Statement add_action,
                        m_db.prepare("INSERT INTO actions (pack_id, ref, section, action, status, due, source_file, "
                                     "source_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    for (const auto& a : pack.actions) {
        add_action.bind(1, id).bind(2, a.ref).bind(3, a.section).bind(4, a.action).bind(5, model::status_name(a.status));
        if (a.due)
            add_action.bind(6, iso_date(*a.due));
        else
            add_action.bind_null(6);
        add_action.bind(7, a.source.file).bind(8, digest_of(by_file, a.source.file));
        BP_TRY(add_action.run());
        add_action.reset();
    }
    BP_ASSIGN_OR_RETURN(Statement add_measure,
                        m_db.prepare("INSERT INTO measures (pack_id, ref, title, rating, value, unit, polarity, "
                                     "source_file, source_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    for (const auto& m : pack.measures) {
        add_measure.bind(1, id).bind(2, m.ref).bind(3, m.title).bind(4, model::rating_name(m.rag)).bind(5, m.value);
        add_measure.bind(6, model::unit_name(m.unit)).bind(7, model::polarity_name(m.polarity));
        add_measure.bind(8, m.source.file).bind(9, digest_of(by_file, m.source.file));
        BP_TRY(add_measure.run());
        add_measure.reset();
    }
    return t.commit();
}

Result<std::optional<model::PackSnapshot>> Store::previous(const std::string& pack_name, YearMonth period,
                                                           std::optional<CivilDate> reported_before) {
    BP_ASSIGN_OR_RETURN(std::int64_t tables, single_integer(m_db, "SELECT count(*) FROM sqlite_master WHERE name = 'packs'"));
    if (tables == 0) return std::optional<model::PackSnapshot>{};  // an empty file: no pack yet
    BP_ASSIGN_OR_RETURN(Statement find, m_db.prepare("SELECT id, period, report_date FROM packs WHERE pack = ?1 "
                                                     "AND period < ?2 AND report_date < ?3 ORDER BY period DESC LIMIT 1"));
    // ISO dates compare as text; "A" is after every one.
    find.bind(1, pack_name).bind(2, period_key(period)).bind(3, reported_before ? iso_date(*reported_before) : "A");
    BP_ASSIGN_OR_RETURN(bool found, find.step());
    if (!found) return std::optional<model::PackSnapshot>{};
    model::PackSnapshot snap;
    const std::int64_t id = find.integer(0);
    auto month = parse_period_key(find.text(1));
    auto date = parse_date(find.text(2));
    if (!month || !date)
        return damaged(m_db, fmt::format("pack '{}' has period '{}' and report date '{}'", pack_name, find.text(1),
                                         find.text(2)));
    snap.period = *month;
    snap.report_date = *date;
    snap.origin = std::filesystem::path(m_db.path()).filename().string();

    BP_ASSIGN_OR_RETURN(Statement actions, m_db.prepare("SELECT ref, section, action, status, due, source_sha256 "
                                                        "FROM actions WHERE pack_id = ?1 ORDER BY rowid"));
    actions.bind(1, id);
    for (;;) {
        BP_ASSIGN_OR_RETURN(bool row, actions.step());
        if (!row) break;
        model::ActionSnapshot a{actions.text(0), actions.text(1), actions.text(2)};
        auto status = status_from_name(actions.text(3));
        if (!status) return damaged(m_db, fmt::format("action {} has status '{}'", a.ref, actions.text(3)));
        a.status = *status;
        if (!actions.null(4)) {
            a.due = parse_date(actions.text(4));
            if (!a.due) return damaged(m_db, fmt::format("action {} has due date '{}'", a.ref, actions.text(4)));
        }
        a.source_sha256 = actions.text(5);
        snap.actions.push_back(std::move(a));
    }
    BP_ASSIGN_OR_RETURN(Statement measures, m_db.prepare("SELECT ref, title, rating, value, unit, polarity, source_sha256 "
                                                         "FROM measures WHERE pack_id = ?1 ORDER BY rowid"));
    measures.bind(1, id);
    for (;;) {
        BP_ASSIGN_OR_RETURN(bool row, measures.step());
        if (!row) break;
        model::MeasureSnapshot m{measures.text(0), measures.text(1)};
        auto rating = rating_from_name(measures.text(2));
        auto unit = unit_from_name(measures.text(4));
        auto polarity = polarity_from_name(measures.text(5));
        if (!rating || !unit || !polarity)
            return damaged(m_db, fmt::format("measure {} has rating '{}', unit '{}', polarity '{}'", m.ref,
                                             measures.text(2), measures.text(4), measures.text(5)));
        m.rating = *rating;
        m.value = measures.number(3);
        m.unit = *unit;
        m.polarity = *polarity;
        m.source_sha256 = measures.text(6);
        snap.measures.push_back(std::move(m));
    }
    return std::optional<model::PackSnapshot>{std::move(snap)};
}

Result<std::vector<PackEntry>> Store::list() {
    std::vector<PackEntry> entries;
    BP_ASSIGN_OR_RETURN(std::int64_t tables, single_integer(m_db, "SELECT count(*) FROM sqlite_master WHERE name = 'packs'"));
    if (tables == 0) return entries;
    BP_ASSIGN_OR_RETURN(Statement st,
                        m_db.prepare("SELECT pack, period, report_date, built_at, tool_version, "
                                     "(SELECT count(*) FROM actions WHERE pack_id = p.id), "
                                     "(SELECT count(*) FROM measures WHERE pack_id = p.id) "
                                     "FROM packs p ORDER BY pack, period"));
    for (;;) {
        BP_ASSIGN_OR_RETURN(bool row, st.step());
        if (!row) break;
        PackEntry e;
        e.pack = st.text(0);
        auto month = parse_period_key(st.text(1));
        auto date = parse_date(st.text(2));
        if (!month || !date)
            return damaged(m_db, fmt::format("pack '{}' has period '{}' and report date '{}'", e.pack, st.text(1),
                                             st.text(2)));
        e.period = *month;
        e.report_date = *date;
        e.built_at = st.text(3);
        e.tool_version = st.text(4);
        e.actions = static_cast<int>(st.integer(5));
        e.measures = static_cast<int>(st.integer(6));
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace bp::history
