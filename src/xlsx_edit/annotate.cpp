#include "xlsx_edit/annotate.hpp"

#include <algorithm>
#include <map>

#include "xlsx_edit/comments.hpp"
#include "xlsx_edit/package.hpp"
#include "xlsx_edit/sheet_cells.hpp"
#include "xlsx_edit/styles.hpp"
#include "xlsx_edit/xml.hpp"

namespace bp::xlsx_edit {

namespace {

// Sheet name -> worksheet part, through the workbook's relationships.
Result<std::map<std::string, std::string>> worksheet_parts(Package& package, const std::string& workbook_part) {
    BP_ASSIGN_OR_RETURN(pugi::xml_document * doc, package.xml(workbook_part));
    BP_ASSIGN_OR_RETURN(auto rels, relationships(package, workbook_part));
    std::map<std::string, std::string> out;
    for (pugi::xml_node s = child(child(doc->document_element(), "sheets"), "sheet"); s; s = s.next_sibling()) {
        if (local_name(s) != "sheet") continue;
        std::string id;
        for (pugi::xml_attribute a = s.first_attribute(); a; a = a.next_attribute()) {
            std::string_view n = a.name();
            if (n.size() > 3 && n.substr(n.size() - 3) == ":id") id = a.value();
        }
        for (const auto& r : rels)
            if (r.id == id && is_type(r, "worksheet") && !r.external && package.has(r.target_part))
                out[s.attribute("name").value()] = r.target_part;
    }
    return out;
}

struct NotesOfCell {
    CellPos cell;
    std::string text;
};

}  // namespace

Result<Annotated> annotate_workbook(const std::string& source, const std::string& label, const std::string& dest,
                                    const Annotations& annotations) {
    BP_ASSIGN_OR_RETURN(Package package, Package::open(source, label));
    BP_ASSIGN_OR_RETURN(auto package_rels, relationships(package, ""));
    const Relationship* office = first_of_type(package_rels, "officeDocument");
    if (!office || !package.has(office->target_part))
        return make_error(Errc::missing_part, "the workbook has no main part (officeDocument relationship)", {label});
    const std::string workbook_part = office->target_part;
    BP_ASSIGN_OR_RETURN(auto parts, worksheet_parts(package, workbook_part));
    BP_ASSIGN_OR_RETURN(StyleEditor styles, StyleEditor::open(package, workbook_part));

    // Notes by sheet, then by cell in the order given (several notes on one cell share its comment).
    Annotated out;
    std::map<std::string, std::vector<NotesOfCell>> by_sheet;
    for (const auto& n : annotations.notes) {
        if (!parts.count(n.sheet)) {
            out.skipped.push_back(n);
            continue;
        }
        auto& cells = by_sheet[n.sheet];
        auto same = std::find_if(cells.begin(), cells.end(), [&](const NotesOfCell& c) { return c.cell == n.cell; });
        if (same == cells.end())
            cells.push_back({n.cell, n.text});
        else
            same->text += "\n\n" + n.text;
    }
    for (const auto& [sheet, cells] : by_sheet) {
        const std::string& part = parts.at(sheet);
        BP_ASSIGN_OR_RETURN(pugi::xml_document * doc, package.xml(part));
        pugi::xml_node worksheet = doc->document_element();
        SheetCells grid(worksheet);
        std::vector<CellComment> comments;
        for (const auto& c : cells) {
            pugi::xml_node cell = grid.cell(c.cell);
            grid.set_style(cell, styles.with_fill(grid.style(cell), annotations.fill));
            comments.push_back({c.cell, c.text});
        }
        BP_TRY(add_comments(package, part, worksheet, comments, annotations.author));
    }
    if (annotations.first_sheet) BP_TRY(insert_first_sheet(package, workbook_part, *annotations.first_sheet, styles));
    BP_TRY(package.save(dest));
    return out;
}

}  // namespace bp::xlsx_edit
