#include "app/dump.hpp"

#include <fmt/format.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "util/excel_date.hpp"
#include "util/json_writer.hpp"

namespace bp::app {

std::string date_text(double serial, read::NumFmtKind kind, bool date1904) {
    if (kind == read::NumFmtKind::duration) return iso_duration(serial);
    auto d = date_from_serial(serial, date1904);
    if (!d) return fmt::format("{}", serial);
    if (serial < 1) return iso_time(d->when.millis);
    return iso_datetime(*d);
}

namespace {

void write_cell(JsonWriter& j, const read::CellView& c, const read::Workbook& wb) {
    j.begin_object();
    j.key("ref");
    j.string(CellRefText(c.pos).view());
    j.key("type");
    j.string(read::type_name(c.type));
    j.key("value");
    switch (c.type) {
        case read::CellType::empty: j.null(); break;
        case read::CellType::string:
        case read::CellType::error: j.string(c.text); break;
        case read::CellType::number: j.number(c.number); break;
        case read::CellType::boolean: j.boolean(c.number != 0); break;
        case read::CellType::date:
            // ISO cells (t="d") carry their own text; serials are rendered by their format.
            j.string(!c.text.empty() ? std::string(c.text) : date_text(c.number, wb.styles().at(c.style).kind, wb.date1904()));
            break;
    }
    if (c.has_formula()) {
        j.key("formula");
        j.string(c.formula);
    }
    if (const auto& fill = wb.styles().at(c.style).fill) {
        j.key("fill");
        j.string(read::rgb_hex(*fill));
    }
    j.end_object();
}

Status dump_sheet(JsonWriter& j, read::Workbook& wb, std::size_t index) {
    const read::SheetInfo& info = wb.sheets()[index];
    j.begin_object();
    j.key("name");
    j.string(info.name);
    j.key("state");
    j.string(read::state_name(info.state));
    j.key("cells");
    j.begin_array();
    auto meta = wb.stream_sheet(index, [&](const read::RowView& row) -> Status {
        for (const auto& c : row.cells)
            if (c.type != read::CellType::empty || c.has_formula()) write_cell(j, c, wb);  // styled blanks are not cells to openpyxl either
        return Ok{};
    });
    j.end_array();
    if (!meta) return meta.take_error();
    j.key("hidden_rows");
    j.begin_array();
    for (auto r : meta->hidden_rows) j.number(r + 1);
    j.end_array();
    j.key("hidden_cols");
    j.begin_array();
    for (const auto& span : meta->hidden_cols)
        for (auto c = span.first; c <= span.last; ++c) j.string(column_letters(c));
    j.end_array();
    j.key("merged");
    j.begin_array();
    for (const auto& m : meta->merged) j.string(range_ref(m));
    j.end_array();
    j.key("tables");
    j.begin_array();
    for (const auto& t : meta->tables) {
        j.begin_object();
        j.key("name");
        j.string(t.name);
        j.key("ref");
        j.string(range_ref(t.ref));
        j.key("columns");
        j.begin_array();
        for (const auto& c : t.columns) j.string(c);
        j.end_array();
        j.end_object();
    }
    j.end_array();
    j.end_object();
    return Ok{};
}

// The finished document, from the temporary file to `out`: by sendfile(2)
// where `out` is a file descriptor (no copy through user space), else read
// and written in large blocks.
bool copy_out(std::FILE* temp, std::FILE* out) {
    if (std::fflush(temp) != 0 || std::fflush(out) != 0) return false;
    off_t size = ::lseek(::fileno(temp), 0, SEEK_END);
    int out_fd = ::fileno(out);
    off_t at = 0;
    while (out_fd >= 0 && at < size) {
        ssize_t n = ::sendfile(out_fd, ::fileno(temp), &at, static_cast<std::size_t>(size - at));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
    }
    if (at == size) return true;
    if (std::fseek(temp, at, SEEK_SET) != 0) return false;
    std::vector<char> buf(1u << 20);
    for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), temp)) > 0;)
        if (std::fwrite(buf.data(), 1, n, out) != n) return false;
    return std::fflush(out) == 0;
}

}  // namespace

int run_dump(const DumpOptions& options, std::FILE* out) {
    auto wb = read::Workbook::open(options.file, options.limits);
    if (!wb) {
        fmt::print(stderr, "boardpack: {}\n", to_string(wb.error()));
        return 2;
    }
    std::vector<std::size_t> chosen;
    if (options.sheet) {
        auto i = wb->find_sheet(*options.sheet);
        if (!i) {
            std::string names;
            for (const auto& s : wb->sheets()) names += (names.empty() ? "'" : ", '") + s.name + "'";
            fmt::print(stderr, "boardpack: {}: has no sheet named '{}' (its sheets: {})\n", options.file, *options.sheet, names);
            return 2;
        }
        chosen.push_back(*i);
    } else {
        for (std::size_t i = 0; i < wb->sheets().size(); ++i) chosen.push_back(i);
    }
    // Written to an anonymous temporary file first and copied out only when
    // every sheet was read: a damaged workbook gives an error, never half a JSON.
    std::FILE* temp = std::tmpfile();
    if (!temp) {
        fmt::print(stderr, "boardpack: cannot create a temporary file for the output\n");
        return 2;
    }
    Status written = Ok{};
    bool flushed = false;
    {
        JsonWriter j(temp);
        j.begin_object();
        j.key("file");
        j.string(options.file);
        j.key("sheets");
        j.begin_array();
        for (std::size_t i : chosen) {
            written = dump_sheet(j, *wb, i);
            if (!written) break;
        }
        j.end_array();
        j.end_object();
        flushed = j.flush();
    }
    if (written && !flushed) written = make_error(Errc::output, "cannot write the temporary file for the output (disk full?)");
    if (!written) {
        std::fclose(temp);
        fmt::print(stderr, "boardpack: {}\n", to_string(written.error()));
        return 2;
    }
    std::fputc('\n', temp);
    if (!copy_out(temp, out)) {
        std::fclose(temp);
        fmt::print(stderr, "boardpack: cannot write the output\n");
        return 2;
    }
    std::fclose(temp);
    return 0;
}

}  // namespace bp::app
