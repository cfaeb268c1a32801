// Writes a zip archive as a stream into a temporary file beside `path` that
// close() renames into place, so a failed write leaves no archive. An entry
// is held until it ends and then deflated whole (libdeflate); one past 8 MiB
// is deflated as its bytes arrive (zlib), so no entry is held beyond that. The archive is plain zip (no zip64): an archive
// or entry past 4 GiB is refused with an error.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "util/byte_sink.hpp"
#include "util/result.hpp"

namespace bp {

class ZipWriter {
public:
    static Result<ZipWriter> create(const std::string& path);

    ZipWriter(ZipWriter&&) noexcept;
    ZipWriter& operator=(ZipWriter&&) noexcept;
    ~ZipWriter();  // discards an archive not closed

    // Starts entry `name` (its path inside the archive), ending the one before;
    // what is written to entry() until the next entry or close() is its content.
    Status begin_entry(const std::string& name);
    ByteSink& entry();

    Status add_bytes(const std::string& name, std::string_view bytes);
    Status add_file(const std::string& name, const std::string& source_path);
    Status close();

private:
    struct State;
    explicit ZipWriter(std::unique_ptr<State> state);
    std::unique_ptr<State> m;
};

}  // namespace bp
