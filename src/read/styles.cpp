#include "read/styles.hpp"

#include <initializer_list>
#include <unordered_map>

#include "read/xml.hpp"

namespace bp::read {

namespace {
// A fill's pattern when it is solid (the only fills read for a colour); empty otherwise.
pugi::xml_node solid_pattern(const pugi::xml_node& fill) {
    pugi::xml_node pattern = child(fill, "patternFill");
    return pattern && std::string_view(pattern.attribute("patternType").value()) == "solid" ? pattern : pugi::xml_node{};
}
}  // namespace

Styles::Styles() : m_xfs(1) {}

bool Styles::uses_theme(const pugi::xml_node& root) {
    for (pugi::xml_node f : child(root, "fills").children()) {
        if (!is(f, "fill")) continue;
        if (pugi::xml_node pattern = solid_pattern(f))
            for (const char* name : {"fgColor", "bgColor"})
                if (child(pattern, name).attribute("theme")) return true;
    }
    return false;
}

Styles Styles::parse(const pugi::xml_node& root, const ThemeColors& theme) {
    std::unordered_map<unsigned, std::string> custom_formats;
    for (pugi::xml_node f : child(root, "numFmts").children())
        if (is(f, "numFmt")) custom_formats[f.attribute("numFmtId").as_uint()] = f.attribute("formatCode").value();

    std::vector<Rgb> palette = default_palette();
    if (pugi::xml_node indexed = child(child(root, "colors"), "indexedColors")) {
        std::vector<Rgb> custom;
        for (pugi::xml_node c : indexed.children())
            if (is(c, "rgbColor")) custom.push_back(parse_hex_rgb(c.attribute("rgb").value()).value_or(0));
        if (!custom.empty()) palette = std::move(custom);
    }

    std::vector<std::optional<Rgb>> fills;
    for (pugi::xml_node f : child(root, "fills").children()) {
        if (!is(f, "fill")) continue;
        std::optional<Rgb> rgb;
        if (pugi::xml_node pattern = solid_pattern(f)) {
            rgb = resolve_color(child(pattern, "fgColor"), theme, palette);
            if (!rgb) rgb = resolve_color(child(pattern, "bgColor"), theme, palette);
        }
        fills.push_back(rgb);
    }

    std::vector<bool> bold_fonts;
    for (pugi::xml_node f : child(root, "fonts").children()) {
        if (!is(f, "font")) continue;
        pugi::xml_node b = child(f, "b");
        bold_fonts.push_back(b && b.attribute("val").as_bool(true));
    }

    Styles out;
    out.m_xfs.clear();
    for (pugi::xml_node xf : child(root, "cellXfs").children()) {
        if (!is(xf, "xf")) continue;
        CellStyle s;
        unsigned id = xf.attribute("numFmtId").as_uint(0);
        if (auto it = custom_formats.find(id); it != custom_formats.end()) s.format_code = it->second;
        else s.format_code = std::string(builtin_format_code(id));
        if (s.format_code.empty()) s.format_code = "General";
        s.kind = classify_format(s.format_code);
        unsigned fill_id = xf.attribute("fillId").as_uint(0);
        if (fill_id < fills.size()) s.fill = fills[fill_id];
        unsigned font_id = xf.attribute("fontId").as_uint(0);
        s.bold = font_id < bold_fonts.size() && bold_fonts[font_id];
        out.m_xfs.push_back(std::move(s));
    }
    if (out.m_xfs.empty()) out.m_xfs.emplace_back();
    return out;
}

}  // namespace bp::read
