#include "read/sniff.hpp"

#include <fstream>
#include <iterator>

namespace bp::read {
namespace {

constexpr std::string_view k_zip_magic = "PK\x03\x04";
constexpr std::string_view k_empty_zip_magic = "PK\x05\x06";
constexpr std::string_view k_ole_magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

std::string utf16le(std::string_view ascii) {
    std::string out;
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

bool looks_like_text(std::string_view head) {
    if (head.empty()) return false;
    for (unsigned char c : head)
        if (c < 0x09 || (c > 0x0D && c < 0x20)) return false;
    return true;
}

}  // namespace

Status sniff_container(std::string_view head, std::string_view whole, const std::string& path,
                       const std::string& label) {
    if (head.empty()) return make_error(Errc::empty, "is empty (0 bytes): ask the sender for the workbook again", {label});
    if (head.substr(0, 4) == k_zip_magic || head.substr(0, 4) == k_empty_zip_magic) return Ok{};
    if (head.substr(0, 8) == k_ole_magic) {
        // An OLE compound file: either a legacy .xls or an encrypted OOXML
        // package, which Office wraps in OLE with EncryptionInfo/EncryptedPackage streams.
        std::string bytes;
        if (whole.empty()) {
            std::ifstream in(path, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
            whole = bytes;
        }
        if (whole.find(utf16le("EncryptionInfo")) != std::string_view::npos ||
            whole.find(utf16le("EncryptedPackage")) != std::string_view::npos)
            return make_error(Errc::encrypted,
                              "is password-protected (encrypted): open it in Excel, remove the password "
                              "(File > Info > Protect Workbook > Encrypt with Password, clear it) and save it again",
                              {label});
        return make_error(Errc::legacy_xls,
                          "is a legacy Excel 97-2003 (.xls) workbook: open it in Excel and save it as .xlsx "
                          "(Excel Workbook)",
                          {label});
    }
    if (head.substr(0, 5) == "%PDF-")
        return make_error(Errc::not_xlsx, "is a PDF, not an .xlsx workbook: send the Excel workbook instead", {label});
    if (looks_like_text(head) || head.substr(0, 3) == "\xEF\xBB\xBF")
        return make_error(Errc::not_xlsx,
                          "is not an .xlsx workbook (it is plain text, such as a CSV file renamed .xlsx): open it "
                          "in Excel and save it as .xlsx (Excel Workbook)",
                          {label});
    return make_error(Errc::not_xlsx,
                      "is not an .xlsx workbook (not a zip package): open it in Excel and save it as .xlsx "
                      "(Excel Workbook)",
                      {label});
}

}  // namespace bp::read
