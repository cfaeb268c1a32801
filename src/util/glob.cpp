#include "util/glob.hpp"

#include <string>

#include "util/utf8.hpp"

namespace bp {

bool glob_match(std::string_view pattern, std::string_view name) {
    std::string p = ascii_lower(pattern), n = ascii_lower(name);
    // Iterative wildcard match with one backtrack point: linear enough for file names.
    std::size_t pi = 0, ni = 0, star = std::string::npos, mark = 0;
    while (ni < n.size()) {
        if (pi < p.size() && (p[pi] == '?' || p[pi] == n[ni])) {
            ++pi, ++ni;
        } else if (pi < p.size() && p[pi] == '*') {
            star = pi++;
            mark = ni;
        } else if (star != std::string::npos) {
            pi = star + 1;
            ni = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
}

}  // namespace bp
