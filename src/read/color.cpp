#include "read/color.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "read/xml.hpp"

namespace bp::read {

ThemeColors default_theme_colors() {
    return {0xFFFFFF, 0x000000, 0xE7E6E6, 0x44546A, 0x4472C4, 0xED7D31,
            0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47, 0x0563C1, 0x954F72};
}

std::optional<Rgb> parse_hex_rgb(std::string_view t) {
    if (!t.empty() && t.front() == '#') t.remove_prefix(1);
    if (t.size() == 8) t.remove_prefix(2);  // ARGB: Excel ignores the alpha byte
    if (t.size() != 6) return std::nullopt;
    Rgb v = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), v, 16);
    if (r.ec != std::errc{} || r.ptr != t.data() + t.size()) return std::nullopt;
    return v;
}

ThemeColors parse_theme(const pugi::xml_node& theme_root) {
    ThemeColors out = default_theme_colors();
    pugi::xml_node scheme = child(child(theme_root, "themeElements"), "clrScheme");
    if (!scheme) return out;
    // clrScheme order -> theme index: dk1->1, lt1->0, dk2->3, lt2->2, then as listed.
    static const char* names[] = {"lt1", "dk1", "lt2", "dk2", "accent1", "accent2",
                                  "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"};
    for (std::size_t i = 0; i < out.size(); ++i) {
        pugi::xml_node slot = child(scheme, names[i]);
        if (!slot) continue;
        for (pugi::xml_node c = slot.first_child(); c; c = c.next_sibling()) {
            std::optional<Rgb> v;
            if (is(c, "srgbClr")) v = parse_hex_rgb(c.attribute("val").value());
            else if (is(c, "sysClr")) v = parse_hex_rgb(c.attribute("lastClr").value());
            if (v) {
                out[i] = *v;
                break;
            }
        }
    }
    return out;
}

std::vector<Rgb> default_palette() {
    return {0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
            0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
            0x800000, 0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080,
            0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF,
            0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF,
            0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99,
            0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696,
            0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399, 0x333333};
}

namespace {
struct Hls { double h, l, s; };

Hls to_hls(Rgb rgb) {
    double r = ((rgb >> 16) & 0xFF) / 255.0, g = ((rgb >> 8) & 0xFF) / 255.0, b = (rgb & 0xFF) / 255.0;
    double mx = std::max({r, g, b}), mn = std::min({r, g, b});
    Hls out{0, (mx + mn) / 2, 0};
    if (mx == mn) return out;
    double d = mx - mn;
    out.s = out.l > 0.5 ? d / (2 - mx - mn) : d / (mx + mn);
    if (mx == r) out.h = (g - b) / d + (g < b ? 6 : 0);
    else if (mx == g) out.h = (b - r) / d + 2;
    else out.h = (r - g) / d + 4;
    out.h /= 6;
    return out;
}

double hue_to_rgb(double p, double q, double t) {
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1.0 / 6) return p + (q - p) * 6 * t;
    if (t < 0.5) return q;
    if (t < 2.0 / 3) return p + (q - p) * (2.0 / 3 - t) * 6;
    return p;
}

Rgb from_hls(Hls c) {
    double r, g, b;
    if (c.s == 0) {
        r = g = b = c.l;
    } else {
        double q = c.l < 0.5 ? c.l * (1 + c.s) : c.l + c.s - c.l * c.s;
        double p = 2 * c.l - q;
        r = hue_to_rgb(p, q, c.h + 1.0 / 3);
        g = hue_to_rgb(p, q, c.h);
        b = hue_to_rgb(p, q, c.h - 1.0 / 3);
    }
    auto byte = [](double v) { return static_cast<Rgb>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    return byte(r) << 16 | byte(g) << 8 | byte(b);
}
}  // namespace

Rgb apply_tint(Rgb rgb, double tint) {
    if (tint == 0) return rgb;
    Hls c = to_hls(rgb);
    c.l = tint < 0 ? c.l * (1 + tint) : c.l * (1 - tint) + tint;
    return from_hls(c);
}

std::optional<Rgb> resolve_color(const pugi::xml_node& color, const ThemeColors& theme,
                                 const std::vector<Rgb>& palette) {
    if (!color || color.attribute("auto").as_bool()) return std::nullopt;
    std::optional<Rgb> base;
    if (auto a = color.attribute("rgb")) {
        base = parse_hex_rgb(a.value());
    } else if (auto t = color.attribute("theme")) {
        unsigned i = t.as_uint(99);
        if (i < theme.size()) base = theme[i];
    } else if (auto ix = color.attribute("indexed")) {
        unsigned i = ix.as_uint(999);
        if (i < palette.size()) base = palette[i];  // 64/65 are "system" colours: no fill
    }
    if (!base) return std::nullopt;
    double tint = color.attribute("tint").as_double(0.0);
    return tint == 0 ? *base : apply_tint(*base, std::clamp(tint, -1.0, 1.0));
}

std::string rgb_hex(Rgb rgb) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06X", rgb & 0xFFFFFF);
    return buf;
}

}  // namespace bp::read
