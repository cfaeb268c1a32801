// Text entering from outside (upload names, header values, form fields) made
// valid UTF-8 once, where it is parsed, so nothing downstream (JSON, PDF,
// messages) can fail on its encoding.
#pragma once

#include <string>
#include <string_view>

namespace bp::utf8 {

// Whether `s` is well-formed UTF-8: no overlong forms, no surrogates
// (CESU-8's ED A0 80 included), nothing above U+10FFFF.
bool is_valid(std::string_view s);

// `s` with each ill-formed sequence replaced by U+FFFD, one per maximal
// subpart (Unicode's recommended practice, as browsers decode). Valid text
// comes back unchanged.
std::string repair(std::string_view s);

}  // namespace bp::utf8
