#include "xlsx_edit/package.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "read/package.hpp"
#include "read/xml.hpp"
#include "util/zip.hpp"
#include "util/zip_writer.hpp"
#include "xlsx_edit/xml.hpp"

namespace bp::xlsx_edit {

namespace {

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

constexpr const char* k_content_types = "[Content_Types].xml";
constexpr const char* k_rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships";

}  // namespace

const Dialect& transitional() {
    static const Dialect d{"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                           "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                           "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"};
    return d;
}

const Dialect& strict() {
    static const Dialect d{"http://purl.oclc.org/ooxml/spreadsheetml/main", "http://purl.oclc.org/ooxml/officeDocument/relationships",
                           "http://purl.oclc.org/ooxml/officeDocument/relationships/"};
    return d;
}

Result<Package> Package::open(const std::string& path, const std::string& label) {
    BP_ASSIGN_OR_RETURN(ZipArchive zip, ZipArchive::open_file(path, label, ZipLimits{}));
    Package p;
    p.m_label = label;
    p.m_zip = std::make_unique<ZipArchive>(std::move(zip));
    for (const auto& e : p.m_zip->entries()) {
        if (!e.name.empty() && e.name.back() == '/') continue;  // a folder entry holds nothing
        p.m_entries.push_back(Entry{e.name, &e});
    }
    BP_ASSIGN_OR_RETURN(auto rels, relationships(p, ""));
    if (const Relationship* main = first_of_type(rels, "officeDocument"); main && main->type.starts_with(strict().rel_types))
        p.m_dialect = &strict();
    return p;
}

Package::Entry* Package::find(std::string_view part) {
    for (auto& e : m_entries)
        if (same_name(e.name, part)) return &e;
    return nullptr;
}

const Package::Entry* Package::find(std::string_view part) const { return const_cast<Package*>(this)->find(part); }

bool Package::has(std::string_view part) const { return find(part) != nullptr; }

Status Package::load(Entry& e) {
    if (e.loaded || !e.stored) return Ok{};
    BP_ASSIGN_OR_RETURN(e.bytes, m_zip->read_all(*e.stored, m_zip->limits().max_entry_bytes));
    e.loaded = true;
    return Ok{};
}

Result<pugi::xml_document*> Package::xml(std::string_view part) {
    Entry* e = find(part);
    if (!e) return make_error(Errc::missing_part, fmt::format("the workbook has no part {}", part), {m_label, std::string(part)});
    if (!e->doc) {
        BP_TRY(load(*e));
        // A DOM costs 70-150 bytes a tag: a part is edited only while that stays bounded (the reader's budget).
        if (e->bytes.size() >= 3 * read::k_max_dom_tags &&
            static_cast<std::size_t>(std::count(e->bytes.begin(), e->bytes.end(), '<')) > read::k_max_dom_tags)
            return make_error(Errc::too_large,
                              fmt::format("{} has more than {} XML tags, too many to edit in memory", e->name, read::k_max_dom_tags),
                              {m_label, e->name});
        auto doc = std::make_unique<pugi::xml_document>();
        pugi::xml_parse_result r = doc->load_buffer(e->bytes.data(), e->bytes.size(), k_edit_parse_flags, pugi::encoding_auto);
        if (!r) return make_error(Errc::bad_xml, r.description(), {m_label, e->name});
        e->doc = std::move(doc);
    }
    return e->doc.get();
}

pugi::xml_document& Package::create_xml(const std::string& part, std::string_view text) {
    Entry* e = find(part);
    if (!e) e = &m_entries.emplace_back(Entry{part});
    e->doc = std::make_unique<pugi::xml_document>();
    e->doc->load_buffer(text.data(), text.size(), k_edit_parse_flags, pugi::encoding_utf8);
    return *e->doc;
}

const std::string* Package::bytes(std::string_view part) {
    Entry* e = find(part);
    if (!e || e->doc || !load(*e)) return nullptr;
    return &e->bytes;
}

void Package::put_bytes(const std::string& part, std::string bytes) {
    Entry* e = find(part);
    if (!e) e = &m_entries.emplace_back(Entry{part});
    e->bytes = std::move(bytes);
    e->loaded = e->changed = true;
    e->doc.reset();
}

std::string Package::unused_name(std::string_view prefix, std::string_view ext) const {
    for (int n = 1;; ++n) {
        std::string name = fmt::format("{}{}{}", prefix, n, ext);
        if (!has(name)) return name;
    }
}

// An entry not edited goes through as it is, a piece at a time (never whole in memory).
Status Package::copy_entry(ZipWriter& zip, const ZipEntry& entry) {
    BP_ASSIGN_OR_RETURN(ZipStream in, m_zip->open(entry));
    BP_TRY(zip.begin_entry(entry.name));
    std::string buf(1u << 16, '\0');
    for (;;) {
        BP_ASSIGN_OR_RETURN(std::size_t n, in.read(buf.data(), buf.size()));
        if (n == 0) return Ok{};
        zip.entry().write(std::string_view(buf.data(), n));
    }
}

Status Package::save(const std::string& path) {
    BP_ASSIGN_OR_RETURN(ZipWriter zip, ZipWriter::create(path));
    for (auto& e : m_entries) {
        if (e.doc)
            BP_TRY(zip.add_bytes(e.name, to_bytes(*e.doc)));
        else if (e.changed || !e.stored)
            BP_TRY(zip.add_bytes(e.name, e.bytes));
        else
            BP_TRY(copy_entry(zip, *e.stored));
    }
    return zip.close();
}

// ---- relationships -------------------------------------------------------------------

std::string rels_part_of(std::string_view source_part) {
    auto slash = source_part.rfind('/');
    std::string dir = slash == std::string_view::npos ? "" : std::string(source_part.substr(0, slash + 1));
    std::string leaf(slash == std::string_view::npos ? source_part : source_part.substr(slash + 1));
    return dir + "_rels/" + leaf + ".rels";
}

Result<std::vector<Relationship>> relationships(Package& package, std::string_view source_part) {
    std::vector<Relationship> out;
    std::string rels = rels_part_of(source_part);
    if (!package.has(rels)) return out;
    BP_ASSIGN_OR_RETURN(pugi::xml_document * doc, package.xml(rels));
    for (pugi::xml_node r : doc->document_element().children()) {
        if (local_name(r) != "Relationship") continue;
        bool external = std::strcmp(r.attribute("TargetMode").value(), "External") == 0;
        std::string target = r.attribute("Target").value();
        out.push_back({r.attribute("Id").value(), r.attribute("Type").value(),
                       external ? target : read::resolve_target(source_part, target), external});
    }
    return out;
}

bool is_type(const Relationship& r, std::string_view name) {
    return r.type.size() > name.size() && r.type.ends_with(name) && r.type[r.type.size() - name.size() - 1] == '/';
}

const Relationship* first_of_type(const std::vector<Relationship>& rels, std::string_view name) {
    for (const auto& r : rels)
        if (is_type(r, name) && !r.external) return &r;
    return nullptr;
}

Result<std::string> add_relationship(Package& package, const std::string& source_part, std::string_view name,
                                     const std::string& target_part) {
    std::string type = package.dialect().rel_types + std::string(name);
    std::string rels = rels_part_of(source_part);
    if (!package.has(rels))
        package.create_xml(rels, fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                                             R"(<Relationships xmlns="{}"/>)", k_rels_ns));
    BP_ASSIGN_OR_RETURN(pugi::xml_document * doc, package.xml(rels));
    pugi::xml_node root = doc->document_element();
    auto taken = [&](const std::string& id) {
        for (pugi::xml_node r : root.children())
            if (id == r.attribute("Id").value()) return true;
        return false;
    };
    std::string id;
    for (int n = 1; id.empty() || taken(id); ++n) id = fmt::format("rId{}", n);
    pugi::xml_node r = append(root, "Relationship");
    r.append_attribute("Id").set_value(id.c_str());
    r.append_attribute("Type").set_value(type.c_str());
    // An absolute target is never misread, whatever folder the source is in.
    r.append_attribute("Target").set_value(("/" + target_part).c_str());
    return id;
}

// ---- content types -----------------------------------------------------------------------

Status add_default_type(Package& package, std::string_view ext, const std::string& content_type) {
    BP_ASSIGN_OR_RETURN(pugi::xml_document * doc, package.xml(k_content_types));
    pugi::xml_node root = doc->document_element();
    for (pugi::xml_node d : root.children())
        if (local_name(d) == "Default" && same_name(d.attribute("Extension").value(), ext)) return Ok{};
    // Defaults come before overrides (the schema allows either order; Excel writes this one).
    pugi::xml_node d = insert_in_order(root, "Default", {"Override"});
    d.append_attribute("Extension").set_value(std::string(ext).c_str());
    d.append_attribute("ContentType").set_value(content_type.c_str());
    return Ok{};
}

Status add_override_type(Package& package, const std::string& part, const std::string& content_type) {
    BP_ASSIGN_OR_RETURN(pugi::xml_document * doc, package.xml(k_content_types));
    pugi::xml_node root = doc->document_element();
    std::string name = "/" + part;
    for (pugi::xml_node o : root.children())
        if (local_name(o) == "Override" && same_name(o.attribute("PartName").value(), name)) {
            set_attr(o, "ContentType", content_type);
            return Ok{};
        }
    pugi::xml_node o = append(root, "Override");
    o.append_attribute("PartName").set_value(name.c_str());
    o.append_attribute("ContentType").set_value(content_type.c_str());
    return Ok{};
}

}  // namespace bp::xlsx_edit
