#include "render/returns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>
#include <unordered_set>

namespace bp::render {

namespace {

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// What the cell's comment says: the finding and what to do (the message carries both).
std::string note_text(const model::Issue& is) {
    return fmt::format("{} ({}): {}", upper(model::severity_name(is.severity)), is.code, is.message);
}

std::string place(const model::Issue& is) {
    if (is.sheet.empty()) return "(the workbook)";
    return is.cell ? is.sheet + "!" + is.a1() : is.sheet;
}

}  // namespace

std::vector<std::string> inputs_to_return(const model::Pack& pack) {
    // The files with findings, gathered once (not a pass over every finding for each input).
    std::unordered_set<std::string_view> with_findings;
    for (const auto& is : pack.issues) with_findings.insert(is.file);
    std::vector<std::string> out;
    for (const auto& in : pack.inputs)
        if (in.status != model::InputStatus::unreadable && with_findings.count(in.file)) out.push_back(in.file);
    return out;
}

std::string checked_copy_name(const std::string& input_file, const std::vector<std::string>& taken) {
    std::filesystem::path p(input_file);
    std::string stem = p.stem().string(), ext = lower(p.extension().string());
    if (ext != ".xlsm") ext = ".xlsx";
    auto name = [&](int n) {
        return fmt::format("{}/{} - checked{}{}", k_returns_folder, stem, n > 1 ? fmt::format(" ({})", n) : "", ext);
    };
    int n = 1;
    while (std::find(taken.begin(), taken.end(), name(n)) != taken.end()) ++n;
    return name(n);
}

xlsx_edit::Annotations return_annotations(const model::Pack& pack, const std::string& input_file) {
    xlsx_edit::Annotations a;
    a.author = "boardpack";
    xlsx_edit::TableSheet checks;
    checks.name = "Checks";
    checks.header = {"Severity", "Code", "Where", "Finding and what to do"};
    checks.widths = {10, 22, 26, 100};
    checks.link_column = 2;
    checks.wrap_column = 3;
    for (const auto& is : pack.issues) {
        if (is.file != input_file) continue;
        xlsx_edit::TableRow row{{model::severity_name(is.severity), is.code, place(is), is.message}, std::nullopt};
        if (!is.sheet.empty()) row.link = xlsx_edit::CellLink{is.sheet, is.cell};
        checks.rows.push_back(std::move(row));
        if (is.cell && !is.sheet.empty()) a.notes.push_back({is.sheet, *is.cell, note_text(is)});
    }
    a.first_sheet = std::move(checks);
    return a;
}

Result<xlsx_edit::Annotated> write_checked_copy(const model::Pack& pack, const std::string& input_file,
                                                const std::string& source_path, const std::string& dest) {
    return xlsx_edit::annotate_workbook(source_path, input_file, dest, return_annotations(pack, input_file));
}

}  // namespace bp::render
