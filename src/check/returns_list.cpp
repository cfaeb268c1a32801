#include "check/returns_list.hpp"

#include <filesystem>
#include <map>
#include <optional>

#include "model/pack.hpp"
#include "util/ini.hpp"
#include "util/utf8.hpp"

namespace bp::check {

namespace {

// YYYY-MM-DD and nothing more (a time would say more than a day's date means here).
std::optional<CivilDate> parse_day(std::string_view v) {
    auto d = v.size() == 10 ? parse_iso_datetime(v) : std::nullopt;
    if (!d) return std::nullopt;
    return d->date;
}

constexpr const char* k_keys = "team, lead, files, kind, due or received";

class Reader {
public:
    explicit Reader(std::string path) { m_list.path = std::move(path); }

    Result<ReturnsList> run(std::string_view text) {
        BP_TRY(read_ini(text, m_list.path,
                        {[this](long n, const std::string& h) { return heading(n, h); },
                         [this](long n, const std::string& k, const std::string& v) { return setting(n, k, v); }}));
        BP_TRY(close_block());
        if (m_list.expected.empty())
            return make_error(Errc::usage,
                              "names no return: write one [return] block per expected return, with team, files, "
                              "kind and due (see docs/submission-tracker.md)",
                              {m_list.path});
        return std::move(m_list);
    }

private:
    Error fail(long n, const std::string& what) const { return ini_error(m_list.path, n, what); }

    Status heading(long n, const std::string& h) {
        if (ascii_lower(h) != "[return]")
            return fail(n, "'" + h + "' is not a block of a returns list: each expected return is a [return] block");
        BP_TRY(close_block());
        m_open = true;
        m_current = model::ExpectedReturn{};
        m_current.line = n;
        m_seen.clear();
        return Ok{};
    }

    Status setting(long n, const std::string& raw_key, const std::string& value) {
        std::string key = ascii_lower(raw_key);
        if (!m_open) return fail(n, "'" + raw_key + "' comes before any [return] block: start the return with [return]");
        if (auto it = m_seen.find(key); it != m_seen.end())
            return fail(n, "'" + key + "' is set twice in this [return] block (first on line " +
                               std::to_string(it->second) + "): each return is its own [return] block");
        m_seen[key] = n;
        if (value.empty() && key != "lead") return fail(n, "'" + key + "' has no value: write " + key + " = ...");
        if (key == "team") m_current.team = value;
        else if (key == "lead") m_current.lead = value;
        else if (key == "files") {
            if (value.find('/') != std::string::npos || value.find('\\') != std::string::npos)
                return fail(n, "files '" + value + "' names a folder: give the file name only, e.g. plan-workforce*.xlsx");
            m_current.pattern = value;
        } else if (key == "kind") {
            std::string k = ascii_lower(value);
            if (k == "plan") m_current.kind = model::InputKind::plan;
            else if (k == "kpi" || k == "kpis") m_current.kind = model::InputKind::kpi;
            else return fail(n, "kind '" + value + "' is not plan or kpi: write the kind of return the team sends");
        } else if (key == "due") {
            auto d = parse_day(value);
            if (!d) return fail(n, "due '" + value + "' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-20");
            m_current.due = d;
        } else if (key == "received") {
            auto d = parse_day(value);
            if (!d) return fail(n, "received '" + value + "' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-18");
            m_current.received = d;
            m_current.received_from = model::ReceivedFrom::returns_list;
        } else {
            return fail(n, "unknown key '" + raw_key + "' in [return]: use " + k_keys);
        }
        return Ok{};
    }

    // A block is checked whole when the next one starts (or the file ends).
    Status close_block() {
        if (!m_open) return Ok{};
        m_open = false;
        const long n = m_current.line;
        for (const char* key : {"team", "files", "kind", "due"})
            if (!m_seen.count(key))
                return fail(n, std::string("this [return] has no '") + key + "': every return needs team, files, kind and due");
        for (const auto& e : m_list.expected)
            if (ascii_lower(e.pattern) == ascii_lower(m_current.pattern) && e.kind == m_current.kind)
                return fail(n, "this [return] expects the same files (" + m_current.pattern + ") and kind as the one on line " +
                                   std::to_string(e.line) + ": remove one, or make the patterns differ");
        m_list.expected.push_back(std::move(m_current));
        return Ok{};
    }

    ReturnsList m_list;
    model::ExpectedReturn m_current;
    bool m_open = false;
    std::map<std::string, long> m_seen;  // key -> line, in the open block
};

}  // namespace

Result<ReturnsList> parse_returns_list(std::string_view text, const std::string& path) { return Reader(path).run(text); }

Result<ReturnsList> load_returns_list(const std::string& path) {
    BP_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
    return parse_returns_list(text, path);
}

Result<ReceivedDate> parse_received(std::string_view arg) {
    auto eq = arg.rfind('=');
    std::optional<CivilDate> d;
    if (eq != std::string_view::npos && eq > 0) d = parse_day(arg.substr(eq + 1));
    if (!d)
        return make_error(Errc::usage, "--received '" + std::string(arg) +
                                           "' is not FILE=YYYY-MM-DD: write e.g. --received plan-workforce.xlsx=2026-11-21");
    return ReceivedDate{std::string(arg.substr(0, eq)), *d};
}

bool names_input(const ReceivedDate& r, const std::string& input_file) {
    if (r.file == input_file) return true;
    return ascii_lower(r.file) == ascii_lower(std::filesystem::path(input_file).filename().string());
}

}  // namespace bp::check
