#include "xlsx/relationships.hpp"

#include "xlsx/xml.hpp"

namespace bp::xlsx {

void write_relationship(pugi::xml_node parent, const Relationship& rel) {
    auto r = parent.append_child("Relationship");
    attr(r, "Id", rel.id);
    attr(r, "Type", rel.type);
    attr(r, "Target", rel.target);
    if (rel.external) attr(r, "TargetMode", "External");
}

void assemble_relationships(pugi::xml_document& doc, const std::vector<Relationship>& rels) {
    auto root = start_part(doc, "Relationships", k_ns_package_rels);
    for (const auto& r : rels) write_relationship(root, r);
}

}  // namespace bp::xlsx
