// An upload of workbooks (multipart/form-data, fields named "files") as it
// arrives, written file by file into the upload's own folder. The limits are
// enforced while reading: the byte that makes a file too large, or the part
// that is one file too many, refuses the upload there and then. Nothing is
// held in memory beyond a small parsing window. File names are the base name
// the browser sent, valid UTF-8 (the parser repairs them), without control
// characters, and unique within the upload.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app/http/multipart.hpp"
#include "app/web_response.hpp"

namespace bp::app {

struct UploadLimits {
    std::uint64_t max_file_bytes = 25ull << 20;
    std::size_t max_files = 50;
    std::uint64_t max_request_bytes = 100ull << 20;
    std::size_t max_concurrent = 64;  // uploads being received or built at once
};

struct UploadedFile {
    std::string name;             // to show
    std::filesystem::path path;   // where it was written
    std::uint64_t bytes = 0;
};

class UploadReceiver : private http::MultipartParser::Handler {
public:
    // Files go to `folder`/in/1, 2, ... (the folder exists; `in` is made here).
    UploadReceiver(std::string boundary, std::filesystem::path folder, const UploadLimits& limits);
    ~UploadReceiver() override;
    UploadReceiver(const UploadReceiver&) = delete;
    UploadReceiver& operator=(const UploadReceiver&) = delete;

    // The next bytes of the body; an error refuses the upload (the rest is not read).
    std::optional<WebError> feed(std::string_view bytes);
    // The body is complete: the files, or why the upload is refused.
    std::variant<std::vector<UploadedFile>, WebError> finish();
    // The "report_date" field as sent (the page's date control), if there was one:
    // at most 64 bytes are kept, so a long one is still refused as not a date.
    const std::optional<std::string>& report_date() const { return m_report_date; }

private:
    bool on_part(const http::PartHead& head) override;
    bool on_data(std::string_view bytes) override;
    bool on_part_end() override;
    bool refuse(WebError e);
    void close_file();

    http::MultipartParser m_parser;
    std::filesystem::path m_in;
    UploadLimits m_limits;
    std::vector<UploadedFile> m_files;
    int m_fd = -1;  // of the file being written (the last of m_files)
    std::uint64_t m_total = 0;
    std::optional<WebError> m_refused;
    std::optional<std::string> m_report_date;
    bool m_in_report_date = false;  // the part being read is the report_date field
};

// The name to show for an uploaded file: its last path component (older
// browsers sent C:\fakepath\...), without control characters, at most 200
// bytes (cut between characters), never empty, "." or "..".
std::string upload_name(std::string_view raw, std::size_t index);
// Two files with the same name would be indistinguishable in the findings:
// later ones become "name (2).xlsx" and so on.
void make_names_unique(std::vector<UploadedFile>& files);

}  // namespace bp::app
