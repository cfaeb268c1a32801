// docProps/app.xml (extended properties) and docProps/core.xml (title,
// author, dates). Written by app.cpp and core.cpp.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "xlsx/model.hpp"

namespace bp::xlsx {

// "2026-11-21T09:30:00Z"
std::string w3cdtf(std::time_t t);

void write_heading_pairs(pugi::xml_node root, std::size_t sheet_count);        // <HeadingPairs>
void write_titles_of_parts(pugi::xml_node root, const std::vector<std::string>& sheet_names);  // <TitlesOfParts>
void assemble_app(pugi::xml_document& doc, const Workbook& wb);

void write_core_date(pugi::xml_node root, const char* name, std::time_t t);    // <dcterms:created> ...
void assemble_core(pugi::xml_document& doc, const DocProperties& props);

}  // namespace bp::xlsx
