#include "render/report_template.hpp"
#include "util/ini.hpp"
#include "util/utf8.hpp"

#include <charconv>
#include <cstdint>
#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

namespace bp::render {

using namespace bp::pdf;

extern const char* const k_builtin_report_template;

namespace {

constexpr std::array<SectionKind, 6> k_kinds = {SectionKind::title,      SectionKind::progress,     SectionKind::kpis,
                                                SectionKind::exceptions, SectionKind::data_quality, SectionKind::changes};

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

std::optional<SectionKind> kind_from_key(const std::string& key) {
    for (auto k : k_kinds)
        if (key == section_key(k)) return k;
    return std::nullopt;
}

std::string section_names() {
    std::string out;
    for (auto k : k_kinds) out += std::string(out.empty() ? "" : ", ") + section_key(k);
    return out;
}

std::optional<bool> parse_yes_no(const std::string& v) {
    std::string l = ascii_lower(v);
    if (l == "yes" || l == "true" || l == "on" || l == "1") return true;
    if (l == "no" || l == "false" || l == "off" || l == "0") return false;
    return std::nullopt;
}

std::optional<CivilDate> parse_date(const std::string& v) {
    int y = 0;
    unsigned m = 0, d = 0;
    char extra = 0;
    if (v.size() != 10 || std::sscanf(v.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &extra) != 3) return std::nullopt;
    if (!valid_date(y, m, d)) return std::nullopt;
    return CivilDate{y, m, d};
}

std::string read_magic(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char buf[4] = {};
    in.read(buf, 4);
    return std::string(buf, static_cast<std::size_t>(in.gcount()));
}

// The outlines of the font at `path` (a .ttc's first face, as libharu reads
// it): "true" for TrueType, "OTTO" for PostScript (CFF), else its first bytes.
std::string font_outlines(const std::string& path) {
    std::string magic = read_magic(path);
    if (magic != "ttcf") return magic == std::string("\0\1\0\0", 4) ? "true" : magic;
    std::ifstream in(path, std::ios::binary);
    unsigned char b[16] = {};
    in.read(reinterpret_cast<char*>(b), 16);
    std::uint32_t first = (std::uint32_t{b[12]} << 24) | (b[13] << 16) | (b[14] << 8) | b[15];
    char face[4] = {};
    in.seekg(first);
    in.read(face, 4);
    std::string f(face, static_cast<std::size_t>(in.gcount()));
    return f == std::string("\0\1\0\0", 4) ? "true" : f;
}

class Parser {
public:
    Parser(std::string name, std::string base_dir, ReportTemplate base)
        : m_name(std::move(name)), m_base_dir(std::move(base_dir)), m_t(std::move(base)) {}

    Result<ReportTemplate> run(const std::string& text) {
        BP_TRY(read_ini(text, m_name,
                        {[this](long n, const std::string& line) { return open_block(n, line); },
                         [this](long n, const std::string& key, const std::string& value) { return set(n, key, value); }}));
        m_t.source = m_name;
        return std::move(m_t);
    }

private:
    Error fail(long line, const std::string& what) const { return ini_error(m_name, line, what); }

    Status open_block(long n, const std::string& line) {
        if (line.back() != ']') return fail(n, fmt::format("'{}' is not a block heading: write [report], [colours] or [section NAME]", line));
        std::string inner = trim(std::string_view(line).substr(1, line.size() - 2));
        std::string l = ascii_lower(inner);
        if (l == "report" || l == "colours" || l == "colors") {
            m_block = l == "colors" ? "colours" : l;
            m_kind.reset();
        } else if (l.starts_with("section ")) {
            std::string name = trim(std::string_view(l).substr(8));
            auto kind = kind_from_key(name);
            if (!kind) return fail(n, fmt::format("unknown section '{}': use one of {}", name, section_names()));
            m_block = "section " + name;
            m_kind = kind;
        } else {
            return fail(n, fmt::format("unknown block [{}]: use [report], [colours] or [section NAME]", inner));
        }
        if (auto it = m_blocks_seen.find(m_block); it != m_blocks_seen.end())
            return fail(n, fmt::format("[{}] appears twice (first on line {})", m_block, it->second));
        m_blocks_seen[m_block] = n;
        return Ok{};
    }

    Status set(long n, const std::string& raw_key, const std::string& value) {
        std::string key = ascii_lower(raw_key);
        if (m_block.empty()) return fail(n, fmt::format("'{}' comes before any block: put it under [report]", key));
        std::string full = m_block + "." + key;
        if (auto it = m_keys_seen.find(full); it != m_keys_seen.end())
            return fail(n, fmt::format("'{}' is set twice in [{}] (first on line {})", key, m_block, it->second));
        m_keys_seen[full] = n;
        if (m_block == "report") return set_report(n, key, value);
        if (m_block == "colours") return set_colour(n, key, value);
        return set_section(n, key, value);
    }

    Status set_report(long n, const std::string& key, const std::string& v) {
        if (key == "board") m_t.board = v;
        else if (key == "title") m_t.title = v;
        else if (key == "author") m_t.author = v;
        else if (key == "classification") m_t.classification = v;
        else if (key == "meeting_date") {
            if (v.empty()) {
                m_t.meeting_date.reset();
            } else if (auto d = parse_date(v)) {
                m_t.meeting_date = d;
            } else {
                return fail(n, fmt::format("meeting_date '{}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-26", v));
            }
        } else if (key == "paper") {
            std::string l = ascii_lower(v);
            if (l == "a4") m_t.paper = Paper::a4;
            else if (l == "a3") m_t.paper = Paper::a3;
            else if (l == "letter") m_t.paper = Paper::letter;
            else return fail(n, fmt::format("paper '{}' is not A4, A3 or Letter", v));
        } else if (key == "numbered") {
            auto b = parse_yes_no(v);
            if (!b) return fail(n, fmt::format("numbered '{}' is not yes or no", v));
            m_t.numbered = *b;
        } else if (key == "appendix") {
            std::string l = ascii_lower(v);
            if (l == "digest") m_t.appendix = Appendix::digest;
            else if (l == "full") m_t.appendix = Appendix::full;
            else return fail(n, fmt::format("appendix '{}' is not full or digest", v));
        } else if (key == "audience") {
            std::string l = ascii_lower(v);
            if (l == "internal") m_t.audience = Audience::internal;
            else if (l == "public") m_t.audience = Audience::public_paper;
            else return fail(n, fmt::format("audience '{}' is not internal or public", v));
        } else if (key == "personal_data") {
            std::string l = ascii_lower(v);
            if (l == "unreviewed") m_t.personal_data = PersonalDataReview::unreviewed;
            else if (l == "reviewed") m_t.personal_data = PersonalDataReview::reviewed;
            else return fail(n, fmt::format("personal_data '{}' is not unreviewed or reviewed", v));
        } else if (key == "suppress_counts_up_to") {
            int t = -1;
            auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), t);
            if (ec != std::errc{} || end != v.data() + v.size() || t < 0 || t > 1000)
                return fail(n, fmt::format("suppress_counts_up_to '{}' is not a whole number from 0 to 1000", v));
            m_t.suppress_counts_up_to = t;
        } else if (key == "pdf") {
            std::string l = ascii_lower(v);
            if (l == "plain") m_t.pdf = pdf::PdfProfile::plain;
            else if (l == "accessible") m_t.pdf = pdf::PdfProfile::accessible;
            else if (l == "archival") m_t.pdf = pdf::PdfProfile::archival;
            else return fail(n, fmt::format("pdf '{}' is not plain, accessible or archival", v));
        } else if (key == "sections") {
            return set_order(n, v);
        } else if (key == "logo") {
            return set_logo(n, v);
        } else if (key == "font" || key == "font_bold") {
            return set_font(n, key, v);
        } else if (key == "font_fallback") {
            return set_fallback_font(n, v);
        } else {
            return fail(n, fmt::format("unknown key '{}' in [report]: use board, title, author, classification, "
                                       "meeting_date, paper, numbered, appendix, audience, personal_data, suppress_counts_up_to, pdf, sections, logo, font, font_bold or font_fallback", key));
        }
        return Ok{};
    }

    Status set_order(long n, const std::string& v) {
        std::vector<SectionKind> order;
        std::stringstream ss(v);
        std::string item;
        while (std::getline(ss, item, ',')) {
            std::string name = ascii_lower(trim(item));
            if (name.empty()) continue;
            auto kind = kind_from_key(name);
            if (!kind) return fail(n, fmt::format("unknown section '{}' in sections: use {}", name, section_names()));
            if (std::find(order.begin(), order.end(), *kind) != order.end())
                return fail(n, fmt::format("section '{}' is listed twice in sections", name));
            order.push_back(*kind);
        }
        if (order.empty()) return fail(n, fmt::format("sections is empty: list at least one of {}", section_names()));
        m_t.order = std::move(order);
        return Ok{};
    }

    std::string resolve(const std::string& v) const {
        std::filesystem::path p(v);
        if (p.is_relative() && !m_base_dir.empty()) p = std::filesystem::path(m_base_dir) / p;
        return p.string();
    }

    Status set_logo(long n, const std::string& v) {
        if (v.empty()) {
            m_t.logo.clear();
            return Ok{};
        }
        std::string path = resolve(v);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) return fail(n, fmt::format("logo '{}' not found", path));
        std::string magic = read_magic(path);
        bool png = magic == "\x89PNG", jpeg = magic.size() >= 2 && magic[0] == '\xFF' && magic[1] == '\xD8';
        if (!png && !jpeg) return fail(n, fmt::format("logo '{}' is not a PNG or JPEG image", path));
        m_t.logo = path;
        return Ok{};
    }

    Status set_font(long n, const std::string& key, const std::string& v) {
        std::string& slot = key == "font" ? m_t.font : m_t.font_bold;
        if (v.empty()) {
            slot.clear();
            return Ok{};
        }
        std::string path = resolve(v);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) return fail(n, fmt::format("{} '{}' not found", key, path));
        std::string magic = read_magic(path);
        if (magic == "OTTO")
            return fail(n, fmt::format("{} '{}' is an OpenType font with PostScript outlines: use a TrueType (.ttf) font", key, path));
        if (magic == "ttcf")
            return fail(n, fmt::format("{} '{}' is a font collection (.ttc): use a single TrueType (.ttf) font", key, path));
        if (magic != std::string("\0\1\0\0", 4) && magic != "true")
            return fail(n, fmt::format("{} '{}' is not a TrueType font", key, path));
        slot = path;
        return Ok{};
    }

    // Unlike `font`, a collection is allowed: CJK fonts ship as .ttc (fonts-wqy-microhei), read at their first face.
    Status set_fallback_font(long n, const std::string& v) {
        m_t.font_fallback.clear();
        if (v.empty()) return Ok{};
        std::string path = resolve(v);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec) || !std::ifstream(path, std::ios::binary))
            return fail(n, fmt::format("font_fallback '{}' not found or not readable", path));
        std::string outlines = font_outlines(path);
        if (outlines == "OTTO")
            return fail(n, fmt::format("font_fallback '{}' has PostScript (CFF) outlines, which the PDF library cannot "
                                       "embed (so do Debian's fonts-noto-cjk): use a TrueType font such as "
                                       "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf (fonts-droid-fallback)",
                                       path));
        if (outlines != "true")
            return fail(n, fmt::format("font_fallback '{}' is not a TrueType font (.ttf or .ttc)", path));
        m_t.font_fallback = path;
        return Ok{};
    }

    Status set_colour(long n, const std::string& key, const std::string& v) {
        Color* target = key == "blue" ? &m_t.rag.blue : key == "green" ? &m_t.rag.green : key == "amber" ? &m_t.rag.amber
                      : key == "red"  ? &m_t.rag.red : key == "accent" ? &m_t.accent : nullptr;
        if (!target) return fail(n, fmt::format("unknown colour '{}' in [colours]: use blue, green, amber, red or accent", key));
        auto c = parse_color(v);
        if (!c) return fail(n, fmt::format("{} '{}' is not a colour: write it as #RRGGBB, e.g. #00B050", key, v));
        *target = *c;
        return Ok{};
    }

    Status set_section(long n, const std::string& key, const std::string& v) {
        assert(m_kind);
        SectionSpec& s = m_t.settings[static_cast<std::size_t>(*m_kind)];
        if (key == "title") {
            if (v.empty() && *m_kind != SectionKind::title)
                return fail(n, "title is empty: give the section a heading");
            s.title = v;
        } else if (key == "orientation") {
            std::string l = ascii_lower(v);
            if (l == "portrait") s.orientation = Orientation::portrait;
            else if (l == "landscape") s.orientation = Orientation::landscape;
            else return fail(n, fmt::format("orientation '{}' is not portrait or landscape", v));
        } else if (key == "new_page") {
            auto b = parse_yes_no(v);
            if (!b) return fail(n, fmt::format("new_page '{}' is not yes or no", v));
            s.new_page = *b;
        } else if (key == "intro") {
            s.intro = v;
        } else {
            return fail(n, fmt::format("unknown key '{}' in [{}]: use title, orientation, new_page or intro", key, m_block));
        }
        return Ok{};
    }

    std::string m_name, m_base_dir;
    ReportTemplate m_t;
    std::string m_block;
    std::optional<SectionKind> m_kind;
    std::map<std::string, long> m_blocks_seen, m_keys_seen;
};

ReportTemplate empty_template() {
    ReportTemplate t;
    for (auto k : k_kinds) t.settings.push_back(SectionSpec{k, {}, Orientation::portrait, false, {}});
    return t;
}

}  // namespace

const char* section_key(SectionKind kind) {
    switch (kind) {
    case SectionKind::title: return "title";
    case SectionKind::progress: return "progress";
    case SectionKind::kpis: return "kpis";
    case SectionKind::exceptions: return "exceptions";
    case SectionKind::data_quality: return "data_quality";
    case SectionKind::changes: return "changes";
    }
    return "?";
}

std::vector<SectionSpec> ReportTemplate::sections() const {
    std::vector<SectionSpec> out;
    for (auto k : order) out.push_back(settings.at(static_cast<std::size_t>(k)));
    return out;
}

ReportTemplate default_report_template() {
    static const ReportTemplate t = [] {
        auto r = parse_report_template(k_builtin_report_template, "templates/report.ini", {}, empty_template());
        assert(r.ok() && "the built-in report template must parse");
        ReportTemplate v = std::move(r).value();
        v.source.clear();
        return v;
    }();
    return t;
}

Result<ReportTemplate> parse_report_template(const std::string& text, const std::string& name,
                                             const std::string& base_dir, ReportTemplate base) {
    if (base.settings.size() != k_kinds.size()) base = empty_template();
    return Parser(name, base_dir, std::move(base)).run(text);
}

Result<ReportTemplate> load_report_template(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(Errc::io, "cannot open the report template", {path});
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return make_error(Errc::io, "cannot read the report template", {path});
    std::string dir = std::filesystem::path(path).parent_path().string();
    return parse_report_template(ss.str(), path, dir, default_report_template());
}

PageSize page_size(Paper paper, Orientation orientation) {
    PageSize s = paper == Paper::a3 ? PageSize{841.89, 1190.55} : paper == Paper::letter ? PageSize{612, 792} : PageSize{};
    if (orientation == Orientation::landscape) std::swap(s.width, s.height);
    return s;
}

}  // namespace bp::render
