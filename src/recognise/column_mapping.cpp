#include "recognise/column_mapping.hpp"

#include <algorithm>
#include <filesystem>

#include "recognise/table_layout.hpp"
#include "recognise/text.hpp"
#include "util/cell_ref.hpp"
#include "util/glob.hpp"
#include "util/ini.hpp"
#include "util/utf8.hpp"

namespace bp::recognise {

namespace fs = std::filesystem;

bool is_mappable_field(TableKind kind, std::string_view field) {
    if (field == "ignore") return true;
    if (kind == TableKind::plan) {
        for (int f = 0; f < k_plan_fields; ++f)
            if (field == field_name(static_cast<PlanField>(f))) return true;
        return false;
    }
    for (int f = 0; f < k_kpi_fields; ++f)
        if (field == field_name(static_cast<KpiField>(f)) && field != "trend") return true;
    return false;
}

bool ColumnMappingFile::matches(std::string_view file, std::string_view sheet_name, TableKind k,
                                std::string_view row_fingerprint) const {
    if (!kind.empty() && kind != (k == TableKind::plan ? "plan" : "kpi")) return false;
    if (!fingerprint.empty()) return fingerprint == row_fingerprint;
    if (!files.empty() && !glob_match(files, fs::path(std::string(file)).filename().string())) return false;
    if (!sheet.empty() && normalize(sheet) != normalize(sheet_name)) return false;
    return !files.empty() || !sheet.empty();
}

Result<ColumnMappingFile> ColumnMappings::parse(std::string_view text, const std::string& path) {
    ColumnMappingFile m;
    m.path = path;
    std::string section;
    auto heading = [&](long no, const std::string& t) -> Status {
        if (t != "[match]" && t != "[columns]")
            return ini_error(path, no, "unknown section " + t + ": the sections are [match] and [columns]");
        section = t;
        return Ok{};
    };
    auto setting = [&](long no, const std::string& key, const std::string& value) -> Status {
        auto fail = [&](const std::string& what) { return ini_error(path, no, what); };
        if (key.empty() || value.empty()) return fail("both sides of '=' must be filled: '" + key + " = " + value + "'");
        if (section == "[match]") {
            std::string k = ascii_lower(key);
            if (k == "fingerprint") m.fingerprint = ascii_lower(value);
            else if (k == "files") m.files = value;
            else if (k == "sheet") m.sheet = value;
            else if (k == "kind") {
                m.kind = ascii_lower(value);
                if (m.kind != "plan" && m.kind != "kpi") return fail("kind must be plan or kpi, got '" + value + "'");
            } else {
                return fail("unknown setting '" + key + "' in [match]: use fingerprint, files, sheet or kind");
            }
        } else if (section == "[columns]") {
            MappedColumn c;
            c.line = no;
            c.field = ascii_lower(value);
            std::string k = ascii_lower(key);
            if (k.rfind("column ", 0) == 0) {
                auto pos = parse_cell_ref(trim(key.substr(7)) + "1");
                if (!pos) return fail("'" + key + "' is not a column letter (write e.g. column F)");
                c.column = pos->col;
            } else {
                c.heading = normalize(key);
                if (c.heading.empty()) return fail("'" + key + "' is not a heading boardpack can match");
            }
            bool plan = is_mappable_field(TableKind::plan, c.field), kpi = is_mappable_field(TableKind::kpi, c.field);
            if (!plan && !kpi || (m.kind == "plan" && !plan) || (m.kind == "kpi" && !kpi))
                return fail("'" + value + "' is not a field: a plan has ref, section, action, lead, due, status, progress, "
                            "evidence; a KPI table ref, title, group, previous, numerator, denominator, value, "
                            "period_type, target_min, target_upper, target, tolerance, polarity, rag, commentary; or ignore");
            m.columns.push_back(std::move(c));
        } else {
            return fail("'" + key + " = " + value + "' comes before a [match] or [columns] section");
        }
        return Ok{};
    };
    // Headings may hold '#' ("Indicator#") and '=': only " #" starts a comment, and the field is after the last '='.
    BP_TRY(read_ini(text, path, {heading, setting}, IniSyntax{false, true, true}));
    if (m.fingerprint.empty() && m.files.empty() && m.sheet.empty())
        return make_error(Errc::usage, "[match] needs a fingerprint, a files pattern or a sheet name", {path});
    if (m.columns.empty()) return make_error(Errc::usage, "[columns] names no column", {path});
    return m;
}

Result<ColumnMappings> ColumnMappings::load(const std::vector<std::string>& paths) {
    ColumnMappings out;
    for (const auto& p : paths) {
        std::vector<fs::path> files;
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& e : fs::directory_iterator(p, ec))
                if (e.is_regular_file(ec) && ascii_lower(e.path().extension().string()) == ".ini") files.push_back(e.path());
            std::sort(files.begin(), files.end());
        } else if (fs::is_regular_file(p, ec)) {
            files.push_back(p);
        } else {
            return make_error(Errc::usage, "is not a column mapping file or folder: check the path", {p});
        }
        for (const auto& f : files) {
            BP_ASSIGN_OR_RETURN(std::string text, read_text_file(f.string()));
            auto m = parse(text, f.string());
            if (!m) return m.take_error();
            out.m_files.push_back(std::move(m).value());
        }
    }
    return out;
}

}  // namespace bp::recognise
