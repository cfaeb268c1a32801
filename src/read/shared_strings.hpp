// xl/sharedStrings.xml, streamed. Rich-text runs are joined into plain text;
// phonetic runs (<rPh>, Japanese furigana) are not part of the text. Every
// string is checked once, here, to be valid UTF-8.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "read/budget.hpp"
#include "util/result.hpp"
#include "util/zip.hpp"

namespace bp::read {

// Plain text of a <si> or <is> element (t, r/t; rPh skipped; _xHHHH_ decoded).
std::string rich_text(const pugi::xml_node& item);

class SharedStrings {
public:
    // The table's text counts against the workbook's text budget as it is read.
    static Result<SharedStrings> read(ZipArchive& zip, const ZipEntry& entry, ReadBudget& budget);
    std::size_t size() const { return m_ends.size(); }
    std::string_view at(std::size_t i) const {
        std::size_t begin = i == 0 ? 0 : m_ends[i - 1];
        return std::string_view(m_text).substr(begin, m_ends[i] - begin);
    }
    // Adds a string, with invalid UTF-8 repaired (and remembered).
    void add(std::string_view s);
    // Did string i hold bytes that are not UTF-8 (now U+FFFD)?
    bool repaired(std::size_t i) const;

private:
    std::string m_text;                   // all strings back to back
    std::vector<std::size_t> m_ends;      // end offset of each string
    std::vector<std::size_t> m_repaired;  // indices of repaired strings, ascending
};

}  // namespace bp::read
