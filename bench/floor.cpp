// bench/floor.cpp -- "the floor" for the XLSX reader benchmark.
//
//     bench_floor FILE.xlsx... [-v]
//
// The least work a DOM-style XLSX reader can do: for each part it needs
// (workbook, its relationships, styles, shared strings, every worksheet) read
// the raw deflate stream out of the zip with libzip (ZIP_FL_COMPRESSED),
// inflate it in one call with libdeflate into a buffer of the stored
// uncompressed size, and parse that buffer in place into a pugixml DOM.  All
// documents stay alive until the end, as in a DOM reader.  Then count the
// worksheet <c> elements that carry a value (<v> or <is>) and print the count
// on stdout.  -v adds per-part sizes and timings on stderr.  Given several
// files it does the same for each in turn, in one process (as boardpack reads a
// folder), printing one count per line and the total last; each file's DOMs
// are freed before the next is opened.
//
// No cell values are decoded: anything a real reader does on top of this is
// extra work, which is why this is the floor.

#include <libdeflate.h>
#include <pugixml.hpp>
#include <zip.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& msg) { throw std::runtime_error(msg); }

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct DecompressorFree {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

// One parsed part: the inflated bytes (pugixml parses them in place, so they
// must outlive the document) and the document itself.
struct Part {
  std::string name;
  std::unique_ptr<char[]> xml;
  std::size_t size = 0;
  std::size_t compressed = 0;
  pugi::xml_document doc;
};

class Floor {
 public:
  Floor(const char* path, bool verbose) : verbose_(verbose) {
    int err = 0;
    zip_.reset(zip_open(path, ZIP_RDONLY, &err));
    if (!zip_) {
      zip_error_t ze;
      zip_error_init_with_code(&ze, err);
      std::string msg = std::string("cannot open ") + path + ": " + zip_error_strerror(&ze);
      zip_error_fini(&ze);
      fail(msg);
    }
    inflater_.reset(libdeflate_alloc_decompressor());
    if (!inflater_) fail("libdeflate_alloc_decompressor failed");
  }

  bool has(const std::string& name) {
    return zip_name_locate(zip_.get(), name.c_str(), 0) >= 0;
  }

  // Inflate and parse one part; the Part is kept until the Floor dies.
  Part& load(const std::string& name) {
    auto t0 = Clock::now();
    zip_int64_t idx = zip_name_locate(zip_.get(), name.c_str(), 0);
    if (idx < 0) fail("missing part " + name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(idx), 0, &st) != 0)
      fail("zip_stat " + name + ": " + zip_strerror(zip_.get()));
    const zip_uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
    if ((st.valid & need) != need) fail("incomplete zip_stat for " + name);
    if (st.comp_method != ZIP_CM_DEFLATE && st.comp_method != ZIP_CM_STORE)
      fail(name + ": unsupported compression method " + std::to_string(st.comp_method));

    auto& part = *parts_.emplace_back(std::make_unique<Part>());
    part.name = name;
    part.size = static_cast<std::size_t>(st.size);
    part.compressed = static_cast<std::size_t>(st.comp_size);

    // Raw (still compressed) bytes of the member.
    std::unique_ptr<zip_file_t, FileCloser> f(
        zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(idx), ZIP_FL_COMPRESSED));
    if (!f) fail("zip_fopen " + name + ": " + zip_strerror(zip_.get()));
    std::unique_ptr<char[]> raw(new char[part.compressed ? part.compressed : 1]);
    read_all(f.get(), raw.get(), part.compressed, name);
    f.reset();

    // +1 byte so an empty part still gets a valid buffer; pugixml gets `size`.
    part.xml.reset(new char[part.size + 1]);
    if (st.comp_method == ZIP_CM_STORE) {
      if (part.compressed != part.size) fail(name + ": stored member size mismatch");
      std::memcpy(part.xml.get(), raw.get(), part.size);
    } else {
      // No actual_out pointer: libdeflate then insists the stream inflates to
      // exactly `size` bytes, which doubles as a size check.
      libdeflate_result r = libdeflate_deflate_decompress(
          inflater_.get(), raw.get(), part.compressed, part.xml.get(), part.size, nullptr);
      if (r != LIBDEFLATE_SUCCESS) fail(name + ": inflate failed (" + std::to_string(r) + ")");
    }
    raw.reset();
    auto t1 = Clock::now();

    pugi::xml_parse_result pr =
        part.doc.load_buffer_inplace(part.xml.get(), part.size, pugi::parse_default, pugi::encoding_utf8);
    if (!pr) fail(name + ": XML parse error at offset " + std::to_string(pr.offset) + ": " + pr.description());
    auto t2 = Clock::now();

    if (verbose_) {
      std::fprintf(stderr, "%-32s %10zu -> %10zu bytes  inflate %7.1f ms  parse %7.1f ms\n",
                   name.c_str(), part.compressed, part.size, ms(t1 - t0), ms(t2 - t1));
    }
    return part;
  }

 private:
  static double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
  }

  static void read_all(zip_file_t* f, char* dst, std::size_t n, const std::string& name) {
    std::size_t got = 0;
    while (got < n) {
      zip_int64_t k = zip_fread(f, dst + got, n - got);
      if (k < 0) fail("zip_fread " + name + ": " + zip_file_strerror(f));
      if (k == 0) fail("zip_fread " + name + ": short read");
      got += static_cast<std::size_t>(k);
    }
  }

  bool verbose_;
  std::unique_ptr<zip_t, ZipCloser> zip_;
  std::unique_ptr<libdeflate_decompressor, DecompressorFree> inflater_;
  std::vector<std::unique_ptr<Part>> parts_;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Resolve a relationship Target relative to the xl/ folder (or absolute).
std::string resolve(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  std::string base = "xl/";
  while (target.substr(0, 3) == "../") {
    target.remove_prefix(3);
    base.clear();  // workbook lives in xl/, so ../ lands at the package root
  }
  return base + std::string(target);
}

std::uint64_t count_cells(const pugi::xml_document& sheet) {
  std::uint64_t n = 0;
  pugi::xml_node data = sheet.child("worksheet").child("sheetData");
  for (pugi::xml_node row = data.child("row"); row; row = row.next_sibling("row")) {
    for (pugi::xml_node c = row.child("c"); c; c = c.next_sibling("c")) {
      if (c.child("v") || c.child("is")) ++n;
    }
  }
  return n;
}

std::uint64_t run(const char* path, bool verbose) {
  auto t0 = Clock::now();
  Floor fl(path, verbose);

  fl.load("xl/workbook.xml");
  Part& rels = fl.load("xl/_rels/workbook.xml.rels");

  // Worksheets in workbook.xml order would need r:id matching; for a count the
  // relationship order is enough.  Styles and shared strings are found the
  // same way a reader finds them.
  std::vector<std::string> sheets;
  std::string styles, shared;
  for (pugi::xml_node r : rels.doc.child("Relationships").children("Relationship")) {
    std::string_view type = r.attribute("Type").as_string();
    std::string_view target = r.attribute("Target").as_string();
    if (ends_with(type, "/worksheet")) sheets.push_back(resolve(target));
    else if (ends_with(type, "/styles")) styles = resolve(target);
    else if (ends_with(type, "/sharedStrings")) shared = resolve(target);
  }
  if (sheets.empty()) fail("no worksheet relationship in xl/_rels/workbook.xml.rels");

  if (!styles.empty()) fl.load(styles);
  if (!shared.empty()) fl.load(shared);

  std::uint64_t cells = 0;
  for (const std::string& s : sheets) cells += count_cells(fl.load(s).doc);

  std::printf("%llu\n", static_cast<unsigned long long>(cells));
  if (verbose) {
    std::fprintf(stderr, "total %.1f ms (documents still alive)\n",
                 std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return cells;  // Floor (and every DOM) is torn down here, after the count.
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<const char*> paths;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-v") == 0) {
      verbose = true;
    } else {
      paths.push_back(argv[i]);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: bench_floor FILE.xlsx... [-v]\n");
    return 2;
  }
  try {
    std::uint64_t total = 0;
    for (const char* path : paths) total += run(path, verbose);
    // One file: its count is already the last line, as run_read.sh expects.
    if (paths.size() > 1) std::printf("%llu\n", static_cast<unsigned long long>(total));
    std::fflush(stdout);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_floor: %s\n", e.what());
    return 1;
  }
}
