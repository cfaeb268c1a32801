// The reader's entry point: open a workbook, list its sheets, stream a
// sheet's rows (flat memory) or read a sheet whole.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "read/budget.hpp"
#include "read/cell.hpp"
#include "read/shared_strings.hpp"
#include "read/styles.hpp"
#include "util/cell_ref.hpp"
#include "util/result.hpp"
#include "util/zip.hpp"

namespace bp::read {

enum class SheetState : std::uint8_t { visible, hidden, very_hidden };
const char* state_name(SheetState s);

enum class SheetKind : std::uint8_t { worksheet, chartsheet, other };

struct SheetInfo {
    std::string name;
    SheetState state = SheetState::visible;
    SheetKind kind = SheetKind::worksheet;
    std::string part;  // resolved part name; empty if the relationship is broken
};

struct TableInfo {
    std::string name;  // displayName
    CellRange ref;
    std::uint32_t header_rows = 1;
    std::vector<std::string> columns;
};

// Something the reader repaired or left out so that the rest could be read;
// the scan reports each as a finding.
struct ReadNote {
    enum class Kind : std::uint8_t {
        invalid_text,   // bytes that are not UTF-8 replaced by U+FFFD
        skipped_sheet,  // a sheet listed without a part to read
    };
    Kind kind = Kind::invalid_text;
    std::string sheet;            // empty: the workbook as a whole
    std::optional<CellPos> cell;  // the cell, when there is one
    std::string message;          // what was done, for a person
};

struct ColumnSpan {
    std::uint32_t first = 0, last = 0;  // 0-based, inclusive
};

// What a sheet says besides its cells; complete after its rows were read.
struct SheetMeta {
    std::vector<std::uint32_t> hidden_rows;  // 0-based
    std::vector<ColumnSpan> hidden_cols;
    std::vector<CellRange> merged;
    std::vector<TableInfo> tables;
    std::vector<ReadNote> notes;  // repairs on this sheet (the first k_max_notes cells, then a count)
    bool column_hidden(std::uint32_t col) const;
    bool row_hidden(std::uint32_t row) const;
};

struct Sheet {
    SheetInfo info;
    std::vector<Cell> cells;  // row-major
    SheetMeta meta;
    // The cell at a position, or nullptr (binary search on the row-major order).
    const Cell* find(CellPos pos) const;
};

using RowFn = std::function<Status(const RowView&)>;

class Workbook {
public:
    // `label` is how messages name the file (defaults to the path).
    static Result<Workbook> open(const std::string& path, const ReadLimits& limits = {}, std::string label = {});
    static Result<Workbook> open_memory(std::string_view bytes, const std::string& label, const ReadLimits& limits = {});

    Workbook(Workbook&&) noexcept;
    Workbook& operator=(Workbook&&) noexcept;
    ~Workbook();

    const std::string& label() const;
    const std::vector<SheetInfo>& sheets() const;
    std::optional<std::size_t> find_sheet(std::string_view name) const;
    bool date1904() const;
    const Styles& styles() const;
    // Repairs and omissions outside any sheet's cells (sheet names, skipped sheets).
    const std::vector<ReadNote>& notes() const;

    // Streams the rows of sheet `index` in order; stops at the first error.
    Result<SheetMeta> stream_sheet(std::size_t index, const RowFn& on_row);
    // Reads a whole sheet (refused once the workbook's sheets read whole pass limits.max_cells);
    // `count` false for a sheet whose cells were already counted as they streamed.
    Result<Sheet> read_sheet(std::size_t index, bool count = true);
    // Counts cells a caller works through as they stream against limits.max_cells, as read_sheet does.
    Status count_cells(std::uint64_t count, const std::string& sheet);

private:
    struct Impl;
    explicit Workbook(std::unique_ptr<Impl> impl);
    static Result<Workbook> load(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m;
};

}  // namespace bp::read
