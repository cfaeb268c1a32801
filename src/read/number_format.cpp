#include "read/number_format.hpp"

#include <array>

namespace bp::read {

std::string_view builtin_format_code(std::uint32_t id) {
    static const std::array<std::string_view, 50> codes = {
        "General", "0", "0.00", "#,##0", "#,##0.00",
        "\"$\"#,##0_);(\"$\"#,##0)", "\"$\"#,##0_);[Red](\"$\"#,##0)", "\"$\"#,##0.00_);(\"$\"#,##0.00)",
        "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)", "0%", "0.00%", "0.00E+00", "# ?/?", "# ?" "?/??",
        "mm-dd-yy", "d-mmm-yy", "d-mmm", "mmm-yy", "h:mm AM/PM", "h:mm:ss AM/PM", "h:mm", "h:mm:ss",
        "m/d/yy h:mm", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "#,##0_);(#,##0)",
        "#,##0_);[Red](#,##0)", "#,##0.00_);(#,##0.00)", "#,##0.00_);[Red](#,##0.00)",
        "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)",
        "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)",
        "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
        "_(\"$\"* #,##0.00_)_(\"$\"* \\(#,##0.00\\)_(\"$\"* \"-\"??_)_(@_)", "mm:ss", "[h]:mm:ss", "mmss.0",
        "##0.0E+0", "@"};
    return id < codes.size() ? codes[id] : std::string_view{};
}

NumFmtKind classify_format(std::string_view code) {
    bool date = false, elapsed = false, percent = false, text = false, digits = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == ';') break;  // only the first section decides
        switch (c) {
            case '"': {
                auto end = code.find('"', i + 1);
                i = end == std::string_view::npos ? code.size() : end;
                break;
            }
            case '\\':
            case '_':
            case '*': ++i; break;  // the next character is literal / a spacer / a fill
            case '[': {
                auto end = code.find(']', i + 1);
                std::string_view inside = code.substr(i + 1, end == std::string_view::npos ? 0 : end - i - 1);
                // [h], [hh], [mm], [ss]: elapsed time. Anything else is a colour, condition or locale.
                if (!inside.empty() && inside.find_first_not_of(inside[0]) == std::string_view::npos) {
                    char k = static_cast<char>(inside[0] | 0x20);
                    if (k == 'h' || k == 'm' || k == 's') elapsed = true;
                }
                i = end == std::string_view::npos ? code.size() : end;
                break;
            }
            case '%': percent = true; break;
            case '@': text = true; break;
            case '0':
            case '#':
            case '?': digits = true; break;
            default: {
                char k = static_cast<char>(c | 0x20);
                if (k == 'd' || k == 'm' || k == 'y' || k == 'h' || k == 's') date = true;
                // "General" holds no date letters; "e" of an exponent is not one either.
            }
        }
    }
    if (elapsed) return NumFmtKind::duration;
    if (date) return NumFmtKind::date;
    if (percent) return NumFmtKind::percent;
    if (text && !digits) return NumFmtKind::text;
    if (digits) return NumFmtKind::number;
    return NumFmtKind::general;
}

}  // namespace bp::read
