#include "xlsx/styles.hpp"

#include <algorithm>

#include "xlsx/xml.hpp"

namespace bp::xlsx {

int builtin_num_fmt_id(const std::string& code) {
    static const std::pair<const char*, int> k_builtin[] = {
        {"General", 0}, {"0", 1},  {"0.00", 2},  {"#,##0", 3},      {"#,##0.00", 4},
        {"0%", 9},      {"0.00%", 10}, {"0.00E+00", 11}, {"mm-dd-yy", 14}, {"@", 49},
    };
    if (code.empty()) return 0;
    for (const auto& [c, id] : k_builtin)
        if (code == c) return id;
    return -1;
}

namespace {
template <class T>
std::size_t index_of(std::vector<T>& list, const T& item) {
    auto it = std::find(list.begin(), list.end(), item);
    if (it != list.end()) return static_cast<std::size_t>(it - list.begin());
    list.push_back(item);
    return list.size() - 1;
}

const char* border_style_name(BorderStyle s) {
    switch (s) {
        case BorderStyle::thin: return "thin";
        case BorderStyle::medium: return "medium";
        case BorderStyle::none: break;
    }
    return nullptr;
}
}  // namespace

StyleParts collect_style_parts(const StyleTable& styles) {
    StyleParts p;
    p.fills = {Fill{}, Fill{"gray125"}};  // placeholders for Excel's two reserved fills
    for (const auto& f : styles.formats()) {
        StyleParts::Xf xf;
        xf.num_fmt = builtin_num_fmt_id(f.num_fmt);
        if (xf.num_fmt < 0) {
            auto it = std::find_if(p.num_fmts.begin(), p.num_fmts.end(),
                                   [&](const auto& nf) { return nf.second == f.num_fmt; });
            if (it != p.num_fmts.end()) {
                xf.num_fmt = it->first;
            } else {
                xf.num_fmt = 164 + static_cast<int>(p.num_fmts.size());
                p.num_fmts.emplace_back(xf.num_fmt, f.num_fmt);
            }
        }
        xf.font = index_of(p.fonts, f.font);
        xf.fill = f.fill.color.empty() ? 0 : index_of(p.fills, f.fill);
        xf.border = index_of(p.borders, f.border);
        xf.align = f.align;
        p.xfs.push_back(xf);
    }
    return p;
}

void write_num_fmt(pugi::xml_node parent, int id, const std::string& code) {
    auto n = parent.append_child("numFmt");
    attr_uint(n, "numFmtId", static_cast<std::uint64_t>(id));
    attr(n, "formatCode", code);
}

void write_color(pugi::xml_node parent, const char* name, const std::string& argb) {
    auto c = parent.append_child(name);
    if (argb.empty())
        attr(c, "auto", "1");
    else
        attr(c, "rgb", argb);
}

void write_font(pugi::xml_node parent, const Font& font) {
    // Excel's own element order, though the schema allows any.
    auto f = parent.append_child("font");
    if (font.bold) f.append_child("b");
    if (font.italic) f.append_child("i");
    if (font.underline) f.append_child("u");
    val_element(f, "sz", format_number(font.size));
    if (!font.color.empty()) write_color(f, "color", font.color);
    val_element(f, "name", font.name);
    val_element(f, "family", "2");
}

void write_pattern_fill(pugi::xml_node parent, const char* pattern) {
    auto pf = parent.append_child("fill").append_child("patternFill");
    attr(pf, "patternType", pattern);
}

void write_fill(pugi::xml_node parent, const Fill& fill) {
    auto pf = parent.append_child("fill").append_child("patternFill");
    attr(pf, "patternType", "solid");
    write_color(pf, "fgColor", fill.color);
    attr(pf.append_child("bgColor"), "indexed", "64");
}

void write_border(pugi::xml_node parent, const Border& border) {
    auto b = parent.append_child("border");
    auto side = [&](const char* name, BorderStyle s) {
        auto e = b.append_child(name);
        if (const char* style = border_style_name(s)) {
            attr(e, "style", style);
            write_color(e, "color", border.color);
        }
    };
    side("left", border.left);
    side("right", border.right);
    side("top", border.top);
    side("bottom", border.bottom);
    b.append_child("diagonal");
}

void write_alignment(pugi::xml_node parent, const Alignment& align) {
    auto a = parent.append_child("alignment");
    if (!align.horizontal.empty()) attr(a, "horizontal", align.horizontal);
    if (!align.vertical.empty()) attr(a, "vertical", align.vertical);
    if (align.wrap) attr_flag(a, "wrapText");
    if (align.indent) attr_uint(a, "indent", align.indent);
}

void write_xf(pugi::xml_node parent, const StyleParts::Xf& xf) {
    auto x = parent.append_child("xf");
    attr_uint(x, "numFmtId", static_cast<std::uint64_t>(xf.num_fmt));
    attr_uint(x, "fontId", xf.font);
    attr_uint(x, "fillId", xf.fill);
    attr_uint(x, "borderId", xf.border);
    attr(x, "xfId", "0");
    if (xf.num_fmt) attr_flag(x, "applyNumberFormat");
    if (xf.font) attr_flag(x, "applyFont");
    if (xf.fill) attr_flag(x, "applyFill");
    if (xf.border) attr_flag(x, "applyBorder");
    if (xf.align != Alignment{}) {
        attr_flag(x, "applyAlignment");
        write_alignment(x, xf.align);
    }
}

void write_dxf(pugi::xml_node parent, const Dxf& dxf) {
    auto d = parent.append_child("dxf");
    if (dxf.bold || !dxf.font_color.empty()) {
        auto f = d.append_child("font");
        if (dxf.bold) f.append_child("b");
        if (!dxf.font_color.empty()) write_color(f, "color", dxf.font_color);
    }
    if (!dxf.fill.empty()) {
        // A dxf's solid fill is its background colour.
        auto pf = d.append_child("fill").append_child("patternFill");
        write_color(pf, "bgColor", dxf.fill);
    }
}

void assemble_styles(pugi::xml_document& doc, const StyleTable& styles) {
    auto root = start_part(doc, "styleSheet", k_ns_main);
    StyleParts p = collect_style_parts(styles);
    if (!p.num_fmts.empty()) {
        auto nfs = counted_element(root, "numFmts", p.num_fmts.size());
        for (const auto& [id, code] : p.num_fmts) write_num_fmt(nfs, id, code);
    }
    auto fonts = counted_element(root, "fonts", p.fonts.size());
    for (const auto& f : p.fonts) write_font(fonts, f);
    auto fills = counted_element(root, "fills", p.fills.size());
    write_pattern_fill(fills, "none");
    write_pattern_fill(fills, "gray125");
    for (std::size_t i = 2; i < p.fills.size(); ++i) write_fill(fills, p.fills[i]);
    auto borders = counted_element(root, "borders", p.borders.size());
    for (const auto& b : p.borders) write_border(borders, b);

    auto style_xfs = counted_element(root, "cellStyleXfs", 1);
    auto normal = style_xfs.append_child("xf");
    for (const char* a : {"numFmtId", "fontId", "fillId", "borderId"}) attr(normal, a, "0");

    auto xfs = counted_element(root, "cellXfs", p.xfs.size());
    for (const auto& xf : p.xfs) write_xf(xfs, xf);

    auto cell_styles = counted_element(root, "cellStyles", 1);
    auto cs = cell_styles.append_child("cellStyle");
    attr(cs, "name", "Normal");
    attr(cs, "xfId", "0");
    attr(cs, "builtinId", "0");

    auto dxfs = counted_element(root, "dxfs", styles.dxfs().size());
    for (const auto& d : styles.dxfs()) write_dxf(dxfs, d);
    auto ts = root.append_child("tableStyles");
    attr(ts, "count", "0");
    attr(ts, "defaultTableStyle", "TableStyleMedium2");
    attr(ts, "defaultPivotStyle", "PivotStyleLight16");
}

}  // namespace bp::xlsx
