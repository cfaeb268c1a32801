#include "app/dump.hpp"

#include <fmt/format.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <thread>
#include <utility>
#include <vector>

#include "util/excel_date.hpp"
#include "util/handoff_queue.hpp"
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
    j.plain_key("ref");
    j.plain_string(CellRefText(c.pos).view());
    j.plain_key("type");
    j.plain_string(read::type_name(c.type));
    j.plain_key("value");
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
        j.plain_key("formula");
        j.string(c.formula);
    }
    if (const auto& fill = wb.styles().at(c.style).fill) {
        j.plain_key("fill");
        j.plain_string(read::rgb_hex(*fill));
    }
    j.end_object();
}

// Cells handed from the reading thread to the writing one: their text copied,
// as a row's views last only while the row is read.
struct CellBatch {
    static constexpr std::size_t k_cells = 8192;
    std::vector<read::CellView> cells;
    std::vector<std::size_t> at;  // where each cell's text starts in `text`; its formula follows
    std::string text;

    CellBatch() {
        cells.reserve(k_cells);
        at.reserve(k_cells);
    }
    void add(const read::CellView& c) {
        at.push_back(text.size());
        text.append(c.text).append(c.formula);
        cells.push_back(c);
    }
    // The views pointed at the copies: done where the batch is used, after its
    // last move (a short string moves its characters with it).
    void point_views() {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            auto& c = cells[i];
            const char* p = text.data() + at[i];
            c.text = std::string_view(p, c.text.size());
            c.formula = std::string_view(p + c.text.size(), c.formula.size());
        }
    }
};

Status dump_sheet(JsonWriter& j, read::Workbook& wb, std::size_t index) {
    const read::SheetInfo& info = wb.sheets()[index];
    j.begin_object();
    j.key("name");
    j.string(info.name);
    j.key("state");
    j.string(read::state_name(info.state));
    j.key("cells");
    j.begin_array();
    // The JSON is written on a second thread while the sheet is read: on a
    // large sheet writing costs nearly as much as reading, so the two overlap.
    HandoffQueue<CellBatch> batches(4);
    std::thread writer([&] {
        while (auto b = batches.pop()) {
            b->point_views();
            for (const auto& c : b->cells) write_cell(j, c, wb);
        }
    });
    CellBatch batch;
    auto meta = wb.stream_sheet(index, [&](const read::RowView& row) -> Status {
        for (const auto& c : row.cells)
            if (c.type != read::CellType::empty || c.has_formula()) batch.add(c);  // styled blanks are not cells to openpyxl either
        if (batch.cells.size() >= CellBatch::k_cells) batches.push(std::exchange(batch, CellBatch{}));
        return Ok{};
    });
    if (!batch.cells.empty()) batches.push(std::move(batch));
    batches.close();
    writer.join();
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
    // A damaged workbook gives an error, never half a JSON. Into a regular
    // file the document goes straight, and what was written is cut off again
    // on failure; into anything else (a pipe, a terminal) it goes through an
    // anonymous temporary file copied out only when every sheet was read.
    int out_fd = ::fileno(out);
    struct stat st {};
    std::fflush(out);
    off_t start = -1;
    if (out_fd >= 0 && ::fstat(out_fd, &st) == 0 && S_ISREG(st.st_mode)) {
        int flags = ::fcntl(out_fd, F_GETFL);
        // Appending (>>), writes land at the end whatever the offset says: cut back to the size found.
        start = flags >= 0 && (flags & O_APPEND) ? st.st_size : ::lseek(out_fd, 0, SEEK_CUR);
    }
    bool direct = start >= 0;
    std::FILE* sink = direct ? out : std::tmpfile();  // where the JSON is written first
    if (!sink) {
        fmt::print(stderr, "boardpack: cannot create a temporary file for the output\n");
        return 2;
    }
    Status written = Ok{};
    bool flushed = false;
    {
        JsonWriter j(sink);
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
    if (written && !flushed) written = make_error(Errc::output, "cannot write the output (disk full?)");
    if (written && std::fputc('\n', sink) == EOF) written = make_error(Errc::output, "cannot write the output (disk full?)");
    if (direct) {
        // Flushed either way, so nothing buffered reaches the file after it is cut back.
        if (std::fflush(out) != 0 && written) written = make_error(Errc::output, "cannot write the output (disk full?)");
        if (!written) {
            [[maybe_unused]] int cut = ::ftruncate(out_fd, start);  // nothing of the failed dump is left
            ::lseek(out_fd, start, SEEK_SET);
            fmt::print(stderr, "boardpack: {}\n", to_string(written.error()));
            return 2;
        }
        return 0;
    }
    if (!written) {
        std::fclose(sink);
        fmt::print(stderr, "boardpack: {}\n", to_string(written.error()));
        return 2;
    }
    if (!copy_out(sink, out)) {
        std::fclose(sink);
        fmt::print(stderr, "boardpack: cannot write the output\n");
        return 2;
    }
    std::fclose(sink);
    return 0;
}

}  // namespace bp::app
