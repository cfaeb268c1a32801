#include "check/personal_data.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>

#include "util/byte_word.hpp"
#include "util/utf8.hpp"  // ascii_lower

namespace bp::check {

extern const char* const k_builtin_not_names;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

char lower_char(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// `w` equal to `lower_case` ignoring ASCII case; no string is built (this runs on every word).
bool iequals(std::string_view w, std::string_view lower_case) {
    if (w.size() != lower_case.size()) return false;
    for (std::size_t i = 0; i < w.size(); ++i)
        if (lower_char(w[i]) != lower_case[i]) return false;
    return true;
}
template <std::size_t N>
bool one_of(std::string_view w, const std::array<std::string_view, N>& lower_case) {
    return std::any_of(lower_case.begin(), lower_case.end(), [&](std::string_view x) { return iequals(w, x); });
}


char at(std::string_view t, std::size_t i) { return i < t.size() ? t[i] : '\0'; }
// Not inside a longer word or number: the byte before `b` and at `e` are not letters or digits.
bool standalone(std::string_view t, std::size_t b, std::size_t e) {
    return (b == 0 || !is_alnum(t[b - 1])) && !is_alnum(at(t, e));
}
// Not part of a dotted or slashed reference such as QP1.12 or 4.7.2: no ". / digit" just around.
bool not_in_reference(std::string_view t, std::size_t b, std::size_t e) {
    bool before = b >= 2 && (t[b - 1] == '.' || t[b - 1] == '/') && is_alnum(t[b - 2]);
    bool after = (at(t, e) == '.' || at(t, e) == '/' || at(t, e) == ',') && is_digit(at(t, e + 1));
    return !before && !after && at(t, e) != '%';
}

// Digits kept from the first group, the rest as '*', separators kept: "943 476 5919" -> "943 *** ****".
std::string mask_after(std::string_view datum, std::size_t keep) {
    std::string out(datum);
    for (std::size_t i = keep; i < out.size(); ++i)
        if (is_alnum(out[i])) out[i] = '*';
    return out;
}

// Reads digits with single spaces or hyphens between groups from `i`; returns the end and the digits.
std::size_t digit_run(std::string_view t, std::size_t i, std::string& digits, std::vector<std::size_t>* groups = nullptr) {
    std::size_t e = i, group = 0;
    while (e < t.size()) {
        if (is_digit(t[e])) {
            digits += t[e++];
            ++group;
        } else if ((t[e] == ' ' || t[e] == '-') && group > 0 && is_digit(at(t, e + 1))) {
            if (groups) groups->push_back(group);
            group = 0;
            ++e;
        } else {
            break;
        }
    }
    if (groups && group) groups->push_back(group);
    return e;
}

constexpr std::array<std::string_view, 8> k_titles = {"mr", "mrs", "ms", "miss", "mx", "master", "dr", "mstr"};

// Words that make a nearby name a child's or a family's (lower case; a trailing 's is dropped first).
constexpr std::array<std::string_view, 40> k_child_words = {
    "child",    "children",  "son",      "sons",        "daughter",    "daughters",  "baby",     "infant",
    "toddler",  "boy",       "girl",     "kid",         "mother",      "mum",        "mom",      "father",
    "dad",      "parent",    "parents",  "carer",       "carers",      "sibling",    "siblings", "brother",
    "sister",   "grandmother", "grandfather", "grandparent", "nan",     "foster",     "fostered", "adopted",
    "adoption", "pupil",     "aged",     "born",        "family",      "stepfather", "stepmother", "guardian"};

// Bit n of entry c: a child word of n letters starts with letter 'a' + c. Most words are ruled
// out by their first letter and length alone; the few left are compared with the list.
constexpr std::array<std::uint32_t, 26> k_child_lengths = [] {
    std::array<std::uint32_t, 26> lengths{};
    for (auto c : k_child_words) lengths[static_cast<std::size_t>(c[0] - 'a')] |= 1u << c.size();
    return lengths;
}();

// Lower case only: a capitalised one is part of a service's name ("Cabinet Member for Children's
// Services", "Looked After Children"), which puts no child beside the name.
bool child_word(std::string_view w) {
    if (w.empty() || !is_lower(w[0])) return false;
    if (w.ends_with("'s") || w.ends_with("'S")) w.remove_suffix(2);
    // Asked of every word of every text: most are ruled out by their first letter and length.
    if (w.size() >= 32 || !(k_child_lengths[static_cast<std::size_t>(w[0] - 'a')] >> w.size() & 1u)) return false;
    return one_of(w, k_child_words);
}

// The first word of a job title: a name right before one, after a comma, bracket or dash,
// is a member of staff's ("Sarah Jones (Team Manager) audited 12 children's files").
constexpr std::array<std::string_view, 30> k_title_words = {
    "manager",  "director", "head",      "officer",   "lead",       "worker",     "chair",     "member",
    "practitioner", "adviser", "advisor", "coordinator", "co-ordinator", "councillor", "consultant", "nurse",
    "doctor",   "partner",  "administrator", "supervisor", "commissioner", "principal", "senior", "assistant",
    "deputy",   "executive", "chief",    "designated", "independent", "cabinet"};

// A byte of a non-ASCII letter ("Zoë", "Łukasz"): any byte from 0x80 up, except those of the
// General Punctuation block (U+2000-U+206F: dashes, curly quotes), which separate words.
bool punctuation_at(std::string_view t, std::size_t i) {
    for (std::size_t b = i >= 2 ? i - 2 : 0; b <= i; ++b)
        if (static_cast<unsigned char>(t[b]) == 0xE2 && b + 1 < t.size() &&
            (static_cast<unsigned char>(t[b + 1]) == 0x80 || static_cast<unsigned char>(t[b + 1]) == 0x81) && i <= b + 2)
            return true;
    return false;
}
bool letter_byte(std::string_view t, std::size_t i) {
    return static_cast<unsigned char>(t[i]) >= 0x80 && !punctuation_at(t, i);
}
bool curly_apostrophe(std::string_view t, std::size_t i) { return t.substr(i, 3) == "\xE2\x80\x99"; }

struct Word {
    std::size_t b, e;
    std::size_t sentence;
};

// Words (letters, with inner apostrophes and hyphens) and the sentence each is in, into `out`.
void words_of(std::string_view t, std::vector<Word>& out) {
    out.clear();
    std::size_t sentence = 0;
    for (std::size_t i = 0; i < t.size();) {
        char c = t[i];
        if (is_alpha(c)) {
            std::size_t e = i;
            while (e < t.size()) {
                if (is_alpha(t[e]) || (letter_byte(t, e) && !curly_apostrophe(t, e))) {
                    ++e;
                } else if ((t[e] == '\'' || t[e] == '-') && is_alpha(at(t, e + 1))) {
                    ++e;
                } else if (curly_apostrophe(t, e) && is_alpha(at(t, e + 3))) {
                    e += 3;  // Jones’s: Excel's autocorrected apostrophe
                } else {
                    break;
                }
            }
            out.push_back({i, e, sentence});
            i = e;
            continue;
        }
        if (c == '!' || c == '?' || c == ';' || c == '\n' || c == ':' || c == '(' || c == ')') ++sentence;
        // A full stop ends a sentence unless it closes a title ("Mrs. Patel").
        if (c == '.' && !out.empty() && out.back().e == i) {
            if (!one_of(t.substr(out.back().b, i - out.back().b), k_titles)) ++sentence;
        } else if (c == '.') {
            ++sentence;
        }
        ++i;
    }
}

// Capitalised like a name: an upper-case letter, then at least one lower-case one (MASH, CIN are not).
bool name_shaped(std::string_view w) {
    if (w.size() < 2 || !is_upper(w[0])) return false;
    return std::any_of(w.begin() + 1, w.end(), is_lower);
}

std::string_view without_possessive(std::string_view w) {
    if (w.ends_with("'s") || w.ends_with("'S")) w.remove_suffix(2);
    else if (w.ends_with("\xE2\x80\x99s") || w.ends_with("\xE2\x80\x99S")) w.remove_suffix(4);
    return w;
}

std::string initials_mask(std::string_view t, std::size_t b, std::size_t e) {
    std::string out(t.substr(b, e - b));
    bool first = true;
    for (auto& c : out) {
        if (is_alpha(c)) {
            if (!first) c = '*';
            first = false;
        } else {
            first = true;
        }
    }
    return out;
}

bool valid_date(int d, int m) { return d >= 1 && d <= 31 && m >= 1 && m <= 12; }

int month_number(std::string_view w) {
    static constexpr std::array<std::string_view, 12> names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
    if (w.size() < 3) return 0;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (iequals(w.substr(0, 3), names[i])) return static_cast<int>(i) + 1;
    return 0;
}

std::size_t read_int(std::string_view t, std::size_t i, int& value, std::size_t max_digits) {
    std::size_t e = i;
    value = 0;
    while (e < t.size() && is_digit(t[e]) && e - i < max_digits) value = value * 10 + (t[e++] - '0');
    return e;
}

// A date starting at `i`: 12/03/2015, 12.03.15, 2015-03-12, 12 March 2015, 12th Mar 2015, March 12, 2015.
// Returns its end, or npos.
std::size_t date_at(std::string_view t, std::size_t i) {
    int a = 0, b = 0, y = 0;
    std::size_t e = read_int(t, i, a, 4);
    if (e > i && e - i == 4 && at(t, e) == '-') {  // ISO
        std::size_t e2 = read_int(t, e + 1, b, 2);
        if (e2 == e + 3 && at(t, e2) == '-') {
            std::size_t e3 = read_int(t, e2 + 1, y, 2);
            if (e3 == e2 + 3 && valid_date(y, b)) return e3;
        }
        return std::string_view::npos;
    }
    if (e > i && e - i <= 2) {
        char sep = at(t, e);
        if (sep == '/' || sep == '.' || sep == '-') {
            std::size_t e2 = read_int(t, e + 1, b, 2);
            if (e2 > e + 1 && at(t, e2) == sep) {
                std::size_t e3 = read_int(t, e2 + 1, y, 4);
                if ((e3 == e2 + 3 || e3 == e2 + 5) && valid_date(a, b) && !is_digit(at(t, e3))) return e3;
            }
            return std::string_view::npos;
        }
        // 12 March 2015, 12th March 2015
        std::size_t w = e;
        if (t.substr(w, 2) == "st" || t.substr(w, 2) == "nd" || t.substr(w, 2) == "rd" || t.substr(w, 2) == "th") w += 2;
        if (at(t, w) != ' ') return std::string_view::npos;
        std::size_t mb = w + 1, me = mb;
        while (me < t.size() && is_alpha(t[me])) ++me;
        if (!month_number(t.substr(mb, me - mb)) || a < 1 || a > 31) return std::string_view::npos;
        if (at(t, me) == ' ' && is_digit(at(t, me + 1))) {
            std::size_t e3 = read_int(t, me + 1, y, 4);
            if (e3 == me + 5) return e3;
        }
        return std::string_view::npos;
    }
    // March 12, 2015
    std::size_t me = i;
    while (me < t.size() && is_alpha(t[me])) ++me;
    if (me > i && month_number(t.substr(i, me - i)) && at(t, me) == ' ') {
        std::size_t e2 = read_int(t, me + 1, a, 2);
        if (e2 > me + 1 && a >= 1 && a <= 31) {
            std::size_t p = e2;
            if (at(t, p) == ',') ++p;
            if (at(t, p) == ' ') {
                std::size_t e3 = read_int(t, p + 1, y, 4);
                if (e3 == p + 5) return e3;
            }
        }
    }
    return std::string_view::npos;
}

std::string mask_date(std::string_view d) {
    std::string out(d);
    for (auto& c : out)
        if (is_alnum(c)) c = '*';
    return out;
}

void by_offset(std::vector<PersonalHit>& hits) {
    std::stable_sort(hits.begin(), hits.end(), [](const PersonalHit& a, const PersonalHit& b) { return a.offset < b.offset; });
}

}  // namespace

const char* personal_kind_words(PersonalKind k) {
    switch (k) {
    case PersonalKind::name: return "a person's name";
    case PersonalKind::date_of_birth: return "a date of birth";
    case PersonalKind::nhs_number: return "an NHS number";
    case PersonalKind::ni_number: return "a National Insurance number";
    case PersonalKind::postcode: return "a postcode";
    case PersonalKind::email: return "an email address";
    case PersonalKind::phone: return "a phone number";
    }
    return "personal data";
}

NotNames NotNames::parse(std::string_view text) {
    NotNames n;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t e = text.find('\n', i);
        if (e == std::string_view::npos) e = text.size();
        std::string_view line = text.substr(i, e - i);
        i = e + 1;
        auto hash = line.find('#');
        if (hash != std::string_view::npos) line = line.substr(0, hash);
        std::vector<Word> words;
        words_of(line, words);
        for (const auto& w : words) n.m_words.insert(ascii_lower(without_possessive(line.substr(w.b, w.e - w.b))));
    }
    return n;
}

const NotNames& NotNames::builtin() {
    static const NotNames n = parse(k_builtin_not_names);
    return n;
}

bool NotNames::contains(std::string_view word) const {
    word = without_possessive(word);
    // Lowered into a buffer on the stack: this runs for every capitalised word of every text.
    std::array<char, 64> buf;
    if (word.size() > buf.size()) return m_words.count(ascii_lower(word)) > 0;
    for (std::size_t i = 0; i < word.size(); ++i) buf[i] = lower_char(word[i]);
    return m_words.find(std::string_view(buf.data(), word.size())) != m_words.end();
}

bool nhs_check_digit_valid(std::string_view d) {
    if (d.size() != 10 || !std::all_of(d.begin(), d.end(), is_digit)) return false;
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    return check != 10 && check == d[9] - '0';
}

std::vector<PersonalHit> find_emails(std::string_view t) {
    std::vector<PersonalHit> out;
    auto local_char = [](char c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
    for (std::size_t at_sign = t.find('@'); at_sign != std::string_view::npos; at_sign = t.find('@', at_sign + 1)) {
        std::size_t b = at_sign;
        while (b > 0 && local_char(t[b - 1])) --b;
        while (b < at_sign && !is_alnum(t[b])) ++b;  // no leading dots
        std::size_t e = at_sign + 1, last_dot = 0;
        while (e < t.size() && (is_alnum(t[e]) || t[e] == '-' || (t[e] == '.' && is_alnum(at(t, e + 1))))) {
            if (t[e] == '.') last_dot = e;
            ++e;
        }
        if (b == at_sign || last_dot == 0 || e - last_dot < 3) continue;
        bool tld = std::all_of(t.begin() + static_cast<long>(last_dot) + 1, t.begin() + static_cast<long>(e), is_alpha);
        if (!tld) continue;
        std::string masked = std::string(1, t[b]) + "***" + std::string(t.substr(at_sign, e - at_sign));
        out.push_back({PersonalKind::email, b, e - b, masked});
    }
    return out;
}

std::vector<PersonalHit> find_nhs_numbers(std::string_view t) {
    std::vector<PersonalHit> out;
    std::string digits;
    std::vector<std::size_t> groups;  // both reused from run to run
    auto grouped = [&](std::initializer_list<std::size_t> shape) { return std::equal(groups.begin(), groups.end(), shape.begin(), shape.end()); };
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!is_digit(t[i]) || (i > 0 && is_alnum(t[i - 1]))) continue;
        digits.clear();
        groups.clear();
        std::size_t e = digit_run(t, i, digits, &groups);
        bool shape = grouped({10}) || grouped({3, 3, 4});
        // A leading 0 is a phone number's (no NHS number in England starts with 0).
        if (shape && digits[0] != '0' && standalone(t, i, e) && not_in_reference(t, i, e) && nhs_check_digit_valid(digits)) {
            std::string datum(t.substr(i, e - i));
            out.push_back({PersonalKind::nhs_number, i, e - i, mask_after(datum, 3)});
        }
        i = e;
    }
    return out;
}

std::vector<PersonalHit> find_ni_numbers(std::string_view t) {
    std::vector<PersonalHit> out;
    // Never issued: D F I U V in either place, O second, and these prefixes. QQ, the form HMRC's
    // examples use, is caught: a number written in its shape is one to take out.
    static constexpr std::array<std::string_view, 7> k_excluded = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};
    auto letter_ok = [](char c, bool second) {
        return is_upper(c) && c != 'D' && c != 'F' && c != 'I' && c != 'U' && c != 'V' && !(second && c == 'O');
    };
    for (std::size_t i = 0; i + 9 <= t.size(); ++i) {
        if (!letter_ok(t[i], false) || !letter_ok(t[i + 1], true) || (i > 0 && is_alnum(t[i - 1]))) continue;
        std::string_view prefix = t.substr(i, 2);
        if (std::find(k_excluded.begin(), k_excluded.end(), prefix) != k_excluded.end()) continue;
        std::size_t p = i + 2;
        bool spaced = at(t, p) == ' ';
        std::string digits;
        for (int g = 0; g < 3; ++g) {
            if (spaced && at(t, p) == ' ') ++p;
            for (int k = 0; k < 2 && is_digit(at(t, p)); ++k) digits += t[p++];
        }
        if (digits.size() != 6) continue;
        if (spaced && at(t, p) == ' ') ++p;
        char suffix = at(t, p);
        if (suffix < 'A' || suffix > 'D' || is_alnum(at(t, p + 1))) continue;
        std::string datum(t.substr(i, p + 1 - i));
        out.push_back({PersonalKind::ni_number, i, p + 1 - i, mask_after(datum, 2)});
        i = p;
    }
    return out;
}

std::vector<PersonalHit> find_postcodes(std::string_view t) {
    std::vector<PersonalHit> out;
    static constexpr std::string_view k_no_inward = "CIKMOV";
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!is_upper(t[i]) || (i > 0 && is_alnum(t[i - 1]))) continue;
        // Outward: A9, A99, AA9, AA99, A9A, AA9A.
        std::size_t p = i + 1;
        if (is_upper(at(t, p))) ++p;
        if (!is_digit(at(t, p))) continue;
        ++p;
        if (is_digit(at(t, p)) || is_upper(at(t, p))) ++p;
        std::size_t outward_end = p;
        // The inward part may follow after one space, or directly (SW1A1AA).
        auto inward = [&](std::size_t q) {
            return is_digit(at(t, q)) && is_upper(at(t, q + 1)) && is_upper(at(t, q + 2)) &&
                   k_no_inward.find(at(t, q + 1)) == std::string_view::npos &&
                   k_no_inward.find(at(t, q + 2)) == std::string_view::npos && !is_alnum(at(t, q + 3));
        };
        std::size_t q = at(t, p) == ' ' ? p + 1 : p;
        if (!inward(q)) continue;
        std::size_t e = q + 3;
        std::string masked = std::string(t.substr(i, outward_end - i)) + " ***";
        out.push_back({PersonalKind::postcode, i, e - i, masked});
        i = e;
    }
    return out;
}

std::vector<PersonalHit> find_phones(std::string_view t) {
    std::vector<PersonalHit> out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '+')) continue;
        std::size_t start = i, p = i;
        std::string digits = "0";
        std::size_t keep = 0;
        if (t.substr(p, 3) == "+44") {
            p += 3;
            if (at(t, p) == ' ') ++p;
            if (t.substr(p, 3) == "(0)") p += 3;
            if (at(t, p) == ' ') ++p;
            keep = p - start;
            if (!is_digit(at(t, p)) || t[p] == '0') continue;
        } else if (at(t, p) == '0' && is_digit(at(t, p + 1)) && at(t, p + 1) != '0') {
            digits.clear();
        } else if (at(t, p) == '(' && at(t, p + 1) == '0') {  // (020) 7946 0958
            std::size_t close = t.find(')', p);
            if (close == std::string_view::npos || close - p > 6) continue;
            bool area_code = close > p + 2;
            for (std::size_t k = p + 1; k < close && area_code; ++k) area_code = is_digit(t[k]);
            if (!area_code) continue;
            digits = std::string(t.substr(p + 1, close - p - 1));
            p = close + 1;
            if (at(t, p) == ' ') ++p;
            keep = p - start;
        } else {
            continue;
        }
        std::size_t first_group_end = p;
        while (is_digit(at(t, first_group_end))) ++first_group_end;
        std::size_t e = digit_run(t, p, digits);
        char lead = digits.size() > 1 ? digits[1] : '0';
        bool uk_range = lead == '1' || lead == '2' || lead == '3' || lead == '5' || lead == '7' || lead == '8' || lead == '9';
        if ((digits.size() == 10 || digits.size() == 11) && uk_range && !is_alnum(at(t, e)) && not_in_reference(t, start, e)) {
            std::string datum(t.substr(start, e - start));
            if (keep == 0) keep = first_group_end - start;
            out.push_back({PersonalKind::phone, start, e - start, mask_after(datum, keep)});
            i = e;
        }
    }
    return out;
}

namespace {

// The first d, D, b or B at or after `from` (the size of `t` if none), looked for eight bytes at
// a time: every text is read for the cues, which start with one of them and are rare.
std::size_t next_d_or_b(std::string_view t, std::size_t from) {
    std::size_t i = from;
    for (; i + 8 <= t.size(); i += 8) {
        const std::uint64_t x = load_word(t.data() + i) | k_word_ones * 0x20;  // D and B as d and b (no other byte becomes either)
        if (word_has_byte(x, 'd') || word_has_byte(x, 'b')) break;
    }
    for (; i < t.size(); ++i) {
        const char c = lower_char(t[i]);
        if (c == 'd' || c == 'b') return i;
    }
    return t.size();
}

}  // namespace

std::vector<PersonalHit> find_dates_of_birth(std::string_view t) {
    std::vector<PersonalHit> out;
    static constexpr std::array<std::string_view, 5> k_cues = {"date of birth", "d.o.b", "dob", "born", "birthday"};
    // One pass over the text for all the cues (each starts with a d or a b).
    for (std::size_t c = next_d_or_b(t, 0); c < t.size(); c = next_d_or_b(t, c + 1)) {
        const char first = lower_char(t[c]);
        // Two letters tell the cues apart (da, d., do, bo, bi): most d's and b's are ruled out here.
        const char second = lower_char(at(t, c + 1));
        for (auto cue : k_cues) {
            if (cue[0] != first || cue[1] != second || !iequals(t.substr(c, cue.size()), cue)) continue;
            std::size_t ce = c + cue.size();
            if ((c > 0 && is_alnum(t[c - 1])) || is_alpha(at(t, ce))) continue;
            // Up to a few joining characters or words: "DOB: ", "born on ", "born in Leeds on ".
            std::size_t p = ce;
            for (int hops = 0; hops < 6 && p < t.size(); ++hops) {
                while (p < t.size() && (t[p] == ' ' || t[p] == ':' || t[p] == '.' || t[p] == '-' || t[p] == ',' || t[p] == '=')) ++p;
                std::size_t d = date_at(t, p);
                if (d != std::string_view::npos) {
                    if (std::none_of(out.begin(), out.end(), [&](const PersonalHit& h) { return h.offset == p; }))
                        out.push_back({PersonalKind::date_of_birth, p, d - p, mask_date(t.substr(p, d - p))});
                    break;
                }
                std::size_t w = p;
                while (w < t.size() && is_alpha(t[w])) ++w;
                if (w == p || w - p > 12) break;
                p = w;
            }
        }
    }
    by_offset(out);
    return out;
}

namespace {

// Whether `t` may hold a child word as words_of and child_word find one: such a word (less a
// trailing 's) is all ASCII letters, the first lower case, with no letter on either side, so it is
// one of the text's runs of ASCII letters. Asked of the runs alone, most texts are ruled out
// without splitting them into words and sentences.
bool may_hold_child_word(std::string_view t) {
    for (std::size_t i = 0; i < t.size();) {
        if (!is_alpha(t[i])) {
            ++i;
            continue;
        }
        std::size_t e = i + 1;
        while (e < t.size() && is_alpha(t[e])) ++e;
        if (child_word(t.substr(i, e - i))) return true;
        i = e;
    }
    return false;
}

}  // namespace

std::vector<PersonalHit> find_names(std::string_view t, const NotNames& not_names) {
    std::vector<PersonalHit> out;
    // Every name found sits near a child word: most texts have none and need no more looking.
    if (!may_hold_child_word(t)) return out;
    thread_local std::vector<Word> ws;  // kept: this runs for every text of every workbook
    words_of(t, ws);
    if (std::none_of(ws.begin(), ws.end(), [&](const Word& w) { return child_word(t.substr(w.b, w.e - w.b)); }))
        return out;
    constexpr std::size_t k_near = 6;  // words between the name and the child word, at most
    auto near_child = [&](std::size_t first, std::size_t last) {
        std::size_t lo = first >= k_near ? first - k_near : 0, hi = std::min(ws.size() - 1, last + k_near);
        for (std::size_t k = lo; k <= hi; ++k) {
            if (k >= first && k <= last) {
                // "Sarah Jones's mother": the name's own possessive is no child word, the next word is.
                continue;
            }
            if (ws[k].sentence == ws[first].sentence && child_word(t.substr(ws[k].b, ws[k].e - ws[k].b))) return true;
        }
        return false;
    };
    auto word = [&](std::size_t k) { return t.substr(ws[k].b, ws[k].e - ws[k].b); };
    // Joined by one space and in one sentence: "Sarah Jones", not "Sarah, Jones".
    auto joined = [&](std::size_t k) {
        return k + 1 < ws.size() && ws[k + 1].sentence == ws[k].sentence && ws[k + 1].b == ws[k].e + 1 && t[ws[k].e] == ' ';
    };
    auto joined_title = [&](std::size_t k) {  // "Mrs Patel", "Mrs. Patel"
        if (k + 1 >= ws.size()) return false;
        std::size_t gap = ws[k + 1].b - ws[k].e;
        std::string_view between = t.substr(ws[k].e, gap);
        return between == " " || between == ". ";
    };
    // A job title follows the name: ", Team Manager", " (Head of Service)", " – Service Director".
    auto staff = [&](std::size_t last) {
        if (last + 1 >= ws.size()) return false;
        std::string_view between = t.substr(ws[last].e, ws[last + 1].b - ws[last].e);
        bool punctuated = between == ", " || between == " (" || between == "(" || between == " - " ||
                          between == " \xE2\x80\x93 " || between == " \xE2\x80\x94 ";
        if (!punctuated) return false;
        // Any of the next few capitalised words: "Team Manager", "Service Director".
        for (std::size_t k = last + 1; k < ws.size() && k <= last + 3 && is_upper(word(k)[0]); ++k) {
            if (one_of(word(k), k_title_words)) return true;
            if (!joined(k)) break;
        }
        return false;
    };
    for (std::size_t k = 0; k < ws.size(); ++k) {
        std::string_view w = word(k);
        bool title = is_upper(w[0]) && one_of(w, k_titles);
        if (title && joined_title(k) && name_shaped(word(k + 1)) && !not_names.contains(word(k + 1))) {
            std::size_t last = k + 1;
            if (joined(last) && name_shaped(word(last + 1)) && !not_names.contains(word(last + 1))) ++last;
            if (!staff(last) && near_child(k, last)) {
                std::size_t e = ws[last].b + without_possessive(word(last)).size();
                out.push_back({PersonalKind::name, ws[k].b, e - ws[k].b, initials_mask(t, ws[k].b, e)});
            }
            k = last;
            continue;
        }
        if (!name_shaped(w) || title) continue;
        // A whole run of capitalised words ("Public Law Outline" is one run, not "Law Outline");
        // two or three, none a not-name word, is a name.
        std::size_t last = k;
        bool clean = !not_names.contains(w);
        while (joined(last) && name_shaped(word(last + 1))) {
            ++last;
            clean = clean && !not_names.contains(word(last));
        }
        std::size_t n = last - k + 1;
        if (clean && n >= 2 && n <= 3 && !staff(last) && near_child(k, last)) {
            std::string_view surname = without_possessive(word(last));
            std::size_t e = ws[last].b + surname.size();
            out.push_back({PersonalKind::name, ws[k].b, e - ws[k].b, initials_mask(t, ws[k].b, e)});
        }
        k = last;
    }
    return out;
}

std::vector<PersonalHit> find_personal_data(std::string_view text, const NotNames& not_names) {
    std::vector<PersonalHit> hits;
    auto add = [&](std::vector<PersonalHit> more) {
        for (auto& h : more) {
            // One hit per stretch of text: an NHS number is not also a phone number.
            bool overlaps = std::any_of(hits.begin(), hits.end(), [&](const PersonalHit& o) {
                return h.offset < o.offset + o.length && o.offset < h.offset + h.length;
            });
            if (!overlaps) hits.push_back(std::move(h));
        }
    };
    // Every pattern but an email and a name has a digit, and some need many: a text with too few
    // for one (most text: a date, a percentage) is spared its scan.
    if (text.find('@') != std::string_view::npos) add(find_emails(text));
    const auto digits = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), is_digit));
    if (digits > 0) {
        add(find_dates_of_birth(text));
        if (digits >= 10) add(find_nhs_numbers(text));  // ten in one run
        if (digits >= 6) add(find_ni_numbers(text));    // six between the letters
        if (digits >= 9) add(find_phones(text));        // ten or eleven with the 0 that +44 stands for
        add(find_postcodes(text));
    }
    add(find_names(text, not_names));
    by_offset(hits);
    return hits;
}

namespace {

std::string advice(PersonalKind k) {
    switch (k) {
    case PersonalKind::name:
        return "refer to the child or family by role or case reference instead (\"the young person\", \"family A\")";
    case PersonalKind::date_of_birth: return "give an age band instead, or remove it";
    default: return "remove it: the case file holds it, the board paper does not need it";
    }
}

void scan_field(const std::string& text, const model::Source& src, const char* field, const char* field_words,
                const char* record, const std::string& ref, model::Severity severity, model::Issues& issues,
                std::size_t& count) {
    if (text.empty()) return;
    for (const auto& h : find_personal_data(text)) {
        std::string who = fmt::format("{} {}", record, ref);
        ++count;
        issues.push_back(model::Issue{
            severity, "personal-data", src.file, src.sheet, src.cell(field),
            fmt::format("{}: the {} has what looks like {} ({}), which must not reach a published board paper: {}", who,
                        field_words, personal_kind_words(h.kind), h.masked, advice(h.kind)),
            "a public report (audience = public) is refused while any personal-data finding remains, unless the "
            "template says personal_data = reviewed"});
    }
}

}  // namespace

std::size_t check_personal_data(const std::vector<model::PlanAction>& actions,
                                const std::vector<model::KpiMeasure>& measures, model::Severity severity,
                                model::Issues& issues) {
    std::size_t count = 0;
    for (const auto& a : actions) {
        scan_field(a.action, a.source, "action", "action text", "action", a.ref, severity, issues, count);
        scan_field(a.progress, a.source, "progress", "progress update", "action", a.ref, severity, issues, count);
        scan_field(a.evidence, a.source, "evidence", "evidence", "action", a.ref, severity, issues, count);
    }
    for (const auto& m : measures)
        scan_field(m.commentary, m.source, "commentary", "commentary", "measure", m.ref, severity, issues, count);
    return count;
}

}  // namespace bp::check
