#include "support.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include "model/rag.hpp"

namespace bp::pdftest {

namespace fs = std::filesystem;


const model::Pack& sample_pack() {
    static const model::Pack r = [] {
        pipeline::Options opts;
        opts.as_of = CivilDate{2026, 11, 21};
        return pipeline::run(pipeline::gather_inputs({std::string(BP_SOURCE_DIR) + "/samples"}), opts);
    }();
    return r;
}

model::Pack generated_pack(int measures) {
    model::Pack r;
    r.inputs.push_back({"generated.xlsx", model::InputKind::mixed, model::InputStatus::ok, measures});
    unsigned seed = 12345;
    auto next = [&seed] {
        seed = seed * 1103515245u + 12345u;
        return static_cast<double>((seed >> 8) % 10000) / 10000.0;
    };
    for (int i = 0; i < measures; ++i) {
        model::KpiMeasure m;
        m.group = "Generated group " + std::to_string(i / 20 + 1);
        m.ref = std::to_string(i / 20 + 1) + "." + std::to_string(i % 20 + 1);
        m.title = "Generated measure " + std::to_string(i + 1) + ": % of children seen within the agreed timescale";
        m.unit = model::Unit::percent;
        m.period_type = i % 3 == 0 ? "Snapshot" : "YTD";
        for (unsigned month = 5; month <= 10; ++month) m.trend.push_back({YearMonth{2026, month}, 0.75 + 0.25 * next()});
        m.value = m.trend.back().value;
        m.previous = 0.8 + 0.2 * next();
        m.denominator = 200 + static_cast<int>(next() * 800);
        m.numerator = static_cast<double>(static_cast<long>(*m.value * *m.denominator + 0.5));
        m.target_min = 0.85;
        m.target_upper = 0.95;
        m.polarity = model::Polarity::higher;
        m.rag = model::rate(m.value, m.target_min, m.target_upper, m.polarity);
        switch (m.rag) {
        case model::Rating::green: ++r.counts.green; break;
        case model::Rating::amber: ++r.counts.amber; break;
        case model::Rating::red: ++r.counts.red; break;
        case model::Rating::none: ++r.counts.none; break;
        }
        r.measures.push_back(std::move(m));
    }
    r.period = YearMonth{2026, 10};
    model::SectionCount s{"Generated section"};
    for (int i = 0; i < 8; ++i) {
        model::PlanAction a;
        a.ref = "GS" + std::to_string(i + 1);
        a.section = s.name;
        a.action = "Generated action " + std::to_string(i + 1);
        a.status = static_cast<model::PlanStatus>(i % 4);
        s.add(a.status);
        r.actions.push_back(std::move(a));
    }
    r.sections.push_back(s);
    r.plan_total = model::total_of(r.sections);
    return r;
}

std::string work_dir(const std::string& name) {
    // A folder of this process's own: CTest runs each test case as a process, several at once,
    // and cases that share a name (load_text's "template-bad.ini") must not empty each other's.
    fs::path dir = fs::path(BP_TEST_WORK_DIR) / (name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

Run run(const std::string& command) {
    static int counter = 0;
    fs::path err_file = fs::path(BP_TEST_WORK_DIR) / ("stderr-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(err_file.parent_path());
    Run r;
    std::string full = command + " 2>'" + err_file.string() + "'";
    FILE* pipe = ::popen(full.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 65536> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = read_file(err_file.string());
    fs::remove(err_file);
    return r;
}

std::string squash(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string tiny_png() {
    static const unsigned char png[] = {
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0xD4, 0x9A, 0x73, 0x00, 0x00, 0x00,
        0x14, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x28, 0x38, 0xF0, 0xFF, 0xFF, 0x7F, 0x06, 0x10, 0x2E,
        0x38, 0x00, 0x00, 0x39, 0x04, 0x08, 0x5B, 0xE6, 0xC5, 0xCB, 0x54, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
        0x44, 0xAE, 0x42, 0x60, 0x82};
    return std::string(reinterpret_cast<const char*>(png), sizeof png);
}

}  // namespace bp::pdftest
