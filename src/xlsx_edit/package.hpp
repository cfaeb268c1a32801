// An OPC package (an .xlsx) held for editing: every entry in its original
// order, its content copied out unchanged unless a part was parsed for
// editing or replaced; a part is read only when asked for. Part names are
// compared case-insensitively, as OPC says.
#pragma once

#include <pugixml.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"
#include "util/zip.hpp"
#include "util/zip_writer.hpp"

namespace bp::xlsx_edit {

// Transitional and Strict OOXML name the same things in two sets of namespaces.
struct Dialect {
    std::string main_ns;    // SpreadsheetML's elements
    std::string rel_ns;     // r:id attributes
    std::string rel_types;  // the stem of relationship types, ending in '/'
};
const Dialect& transitional();
const Dialect& strict();

class Package {
public:
    // Reads every entry of the zip at `path`; `label` names it in messages.
    static Result<Package> open(const std::string& path, const std::string& label);

    bool has(std::string_view part) const;
    // The part parsed for editing (kept, and written back at save); an error if
    // it is missing or not well-formed XML.
    Result<pugi::xml_document*> xml(std::string_view part);
    // A new XML part (replacing any part of that name), parsed from `text`.
    pugi::xml_document& create_xml(const std::string& part, std::string_view text);
    // The raw bytes of a part not parsed for editing; null when missing or unreadable.
    const std::string* bytes(std::string_view part);
    void put_bytes(const std::string& part, std::string bytes);
    // "PREFIX1EXT", "PREFIX2EXT", ...: the first no part has.
    std::string unused_name(std::string_view prefix, std::string_view ext) const;

    const std::string& label() const { return m_label; }
    // Strict when the package's main relationship is Strict's; else transitional.
    const Dialect& dialect() const { return *m_dialect; }
    // Writes the package to `path` (atomically, through the zip writer).
    Status save(const std::string& path);

private:
    struct Entry {
        std::string name;
        const ZipEntry* stored = nullptr;  // in the original archive; null for a new part
        bool loaded = false;               // bytes read (or given)
        bool changed = false;              // bytes given: written instead of the stored entry
        std::string bytes;
        std::unique_ptr<pugi::xml_document> doc;  // set when parsed for editing: it is written instead of bytes
    };
    Status load(Entry& e);
    Status copy_entry(ZipWriter& zip, const ZipEntry& entry);
    Entry* find(std::string_view part);
    const Entry* find(std::string_view part) const;

    std::string m_label;
    std::unique_ptr<ZipArchive> m_zip;  // kept open: unchanged entries are copied from it at save
    std::vector<Entry> m_entries;
    const Dialect* m_dialect = &transitional();
};

// ---- relationships (OPC part 2, 9.3) -------------------------------------------

struct Relationship {
    std::string id, type, target_part;  // target_part resolved against the source ("xl/worksheets/sheet1.xml")
    bool external = false;
};

// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"; "" (the package) -> "_rels/.rels"
std::string rels_part_of(std::string_view source_part);

// The relationships of `source_part` (none when it has no .rels part).
Result<std::vector<Relationship>> relationships(Package& package, std::string_view source_part);
// A relationship type by its last segment ("styles"), in either dialect.
bool is_type(const Relationship& r, std::string_view name);
// The first internal relationship of that type ("styles"), if any.
const Relationship* first_of_type(const std::vector<Relationship>& rels, std::string_view name);
// Adds a relationship of type `name` ("comments", in the package's dialect)
// from `source_part` to `target_part`; returns its new id.
Result<std::string> add_relationship(Package& package, const std::string& source_part, std::string_view name,
                                     const std::string& target_part);

// ---- content types -----------------------------------------------------------------

// Adds <Default Extension=ext> unless the extension has one.
Status add_default_type(Package& package, std::string_view ext, const std::string& content_type);
// Adds (or replaces) <Override PartName="/part">.
Status add_override_type(Package& package, const std::string& part, const std::string& content_type);

}  // namespace bp::xlsx_edit
