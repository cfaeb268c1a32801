// pack_objects (src/pdf/object_streams.hpp): objects given as text packed
// into object streams behind a cross-reference stream, read back by qpdf.
#include <doctest/doctest.h>

#include <string>

#include <fmt/format.h>

#include "pdf/object_streams.hpp"
#include "support.hpp"

using namespace bp::pdf;
using namespace bp::pdftest;

TEST_CASE("pdf::pack_objects") {
    REQUIRE_MESSAGE(run("command -v qpdf >/dev/null").status == 0, "qpdf is needed");
    // Two plain objects (catalog and pages, as libharu writes them) and the info, then 9000 packed
    // objects: three object streams of at most 4000.
    std::string head = "%PDF-1.7\n";
    PackInput in;
    in.offsets.push_back(0);
    auto object = [&](const std::string& body) {
        in.offsets.push_back(head.size());
        head += fmt::format("{} 0 obj\n{}\nendobj\n", in.offsets.size() - 1, body);
    };
    object("<</Type/Catalog/Pages 2 0 R/Extra 4 0 R>>");
    object("<</Type/Pages/Kids[]/Count 0>>");
    object("<</Title(packed)>>");
    std::vector<std::string> texts;
    for (int i = 0; i < 9000; ++i) texts.push_back(fmt::format("<</Index {}/Next {} 0 R>>", i, i + 5 < 9004 ? i + 5 : 4));
    for (const auto& t : texts) in.objects.push_back(t);
    in.head_size = head.size();
    in.root = 1;
    in.info = 3;
    in.id = std::string(16, '\x8F');
    auto tail = pack_objects(in);
    REQUIRE(tail.ok());
    const std::string file = head + *tail;  // libharu's objects stay where they were
    const std::size_t at = file.rfind("startxref\n");
    REQUIRE(at != std::string::npos);
    const std::size_t xref = std::stoul(file.substr(at + 10));
    CHECK(file.compare(xref, 27, "9007 0 obj\n<</Type/XRef/Siz") == 0);  // 4 + 9000 packed + 3 streams
    CHECK(file.find("/Type/ObjStm/N 4000/") != std::string::npos);
    CHECK(file.find("/Type/ObjStm/N 1000/") != std::string::npos);

    std::string path = work_dir("object-streams") + "/packed.pdf";
    write_file(path, file);
    Run check = run("qpdf --check '" + path + "'");
    CHECK_MESSAGE(check.status == 0, check.out << check.err);
    Run shown = run("qpdf --show-object=8003 '" + path + "'");
    CHECK(squash(shown.out) == "<< /Index 7999 /Next 8004 0 R >>");
    Run info = run("qpdf --show-object=trailer '" + path + "'");
    CHECK(info.out.find("/Info 3 0 R") != std::string::npos);
    CHECK(info.out.find("/Root 1 0 R") != std::string::npos);
    CHECK(info.out.find("8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f8f") != std::string::npos);
}
