// bench/read_cells.cpp -- boardpack's reader in the read benchmark.
//
//     bench_read FILE.xlsx
//
// Opens FILE with bp::read::Workbook (default limits), streams the rows of
// every worksheet with stream_sheet(), counts the cells that carry a value
// (type other than empty; the peers count non-None cells) and prints the count.
// Each cell's decoded value is folded into a checksum so the work cannot be
// optimised away; the checksum goes to stderr with -v.

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "read/workbook.hpp"

int main(int argc, char** argv) {
    const char* path = nullptr;
    int operands = 0;
    bool verbose = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-v") == 0) {
            verbose = true;
        } else {
            path = argv[i];
            ++operands;
        }
    }
    if (operands != 1) {
        std::fprintf(stderr, "usage: bench_read FILE.xlsx [-v]\n");
        return 2;
    }

    auto wb = bp::read::Workbook::open(path);
    if (!wb) {
        std::fprintf(stderr, "bench_read: %s\n", bp::to_string(wb.error()).c_str());
        return 1;
    }

    std::uint64_t cells = 0;
    std::uint64_t check = 0;
    for (std::size_t i = 0; i < wb->sheets().size(); ++i) {
        if (wb->sheets()[i].kind != bp::read::SheetKind::worksheet) continue;
        auto meta = wb->stream_sheet(i, [&](const bp::read::RowView& row) -> bp::Status {
            for (const bp::read::CellView& c : row.cells) {
                if (c.type == bp::read::CellType::empty) continue;
                ++cells;
                check += static_cast<std::uint64_t>(c.type) + c.text.size() + static_cast<std::uint64_t>(c.number);
            }
            return bp::Ok{};
        });
        if (!meta) {
            std::fprintf(stderr, "bench_read: %s\n", bp::to_string(meta.error()).c_str());
            return 1;
        }
    }

    std::printf("%llu\n", static_cast<unsigned long long>(cells));
    if (verbose) std::fprintf(stderr, "checksum %llu\n", static_cast<unsigned long long>(check));
    return 0;
}
