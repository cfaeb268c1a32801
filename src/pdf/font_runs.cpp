#include "pdf/font_runs.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace bp::pdf {

std::vector<FontRun> split_runs(std::string_view text, const std::function<int(char32_t)>& font_for) {
    std::vector<FontRun> runs;
    for (std::size_t i = 0; i < text.size();) {
        auto b = static_cast<unsigned char>(text[i]);
        int font = k_main_font;
        std::size_t n = 1;
        if (b >= 0x80) {
            Utf8Char u = decode_utf8(text, i);
            n = std::max<std::size_t>(u.length, 1);
            font = u.length == 0 ? k_no_font : font_for(u.cp);
        }
        if (runs.empty() || runs.back().font != font) runs.push_back(FontRun{font, i, i, 0});
        runs.back().end = i + n;
        ++runs.back().chars;
        i += n;
    }
    return runs;
}

bool all_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace bp::pdf
