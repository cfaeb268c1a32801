#include "recognise/vocabulary.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <sstream>

#include "recognise/text.hpp"

namespace bp::recognise {

extern const char* const k_builtin_vocabulary;  // generated from templates/vocabulary.txt

namespace {
const std::vector<std::string> k_plan_lists = {"plan.ref",  "plan.section",  "plan.action",  "plan.lead",
                                               "plan.due",  "plan.status",   "plan.progress", "plan.evidence"};
const std::vector<std::string> k_kpi_lists = {
    "kpi.ref",        "kpi.title",        "kpi.group",  "kpi.previous",  "kpi.numerator", "kpi.denominator",
    "kpi.value",      "kpi.period_type",  "kpi.target_min", "kpi.target_upper", "kpi.target", "kpi.tolerance",
    "kpi.polarity",   "kpi.rag",          "kpi.commentary", "kpi.trend"};
const std::vector<std::string> k_status_lists = {"status.blue", "status.green", "status.amber", "status.red"};
const std::vector<std::string> k_rating_lists = {"rating.green", "rating.amber", "rating.red"};
const std::vector<std::string> k_polarity_lists = {"polarity.higher", "polarity.lower"};
const std::vector<std::string> k_missing_lists = {"value.missing"};
const std::vector<std::string> k_ongoing_lists = {"due.ongoing"};

// The lists of each family, in the order their matches are numbered.
const std::vector<std::string>& family_lists(int family) {
    static const std::vector<std::string>* all[] = {&k_plan_lists,     &k_kpi_lists,     &k_status_lists, &k_rating_lists,
                                                    &k_polarity_lists, &k_missing_lists, &k_ongoing_lists};
    return *all[family];
}

std::string family(const std::string& list) { return list.substr(0, list.find('.')); }

bool word_equal(std::string_view text_word, std::string_view entry_word) {
    // "officers" matches "officer": plurals are common in headers.
    return text_word == entry_word || (text_word.size() == entry_word.size() + 1 && text_word.back() == 's' &&
                                       text_word.compare(0, entry_word.size(), entry_word) == 0);
}
// A word of a number's text as normalised: digits, with an exponent's "e" ("1e" of "1e-05"), or inf/nan.
bool could_be_number_word(std::string_view w) {
    return w == "inf" || w == "nan" || (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'e'; }));
}
}  // namespace

const char* field_name(PlanField f) {
    static const char* names[] = {"ref", "section", "action", "lead", "due", "status", "progress", "evidence"};
    return names[static_cast<int>(f)];
}

const char* field_name(KpiField f) {
    static const char* names[] = {"ref",        "title",        "group",  "previous", "numerator", "denominator",
                                  "value",      "period_type",  "target_min", "target_upper", "target", "tolerance",
                                  "polarity",   "rag",          "commentary", "trend"};
    return names[static_cast<int>(f)];
}

Result<Vocabulary> Vocabulary::parse(std::string_view text, const std::string& file) {
    Vocabulary v;
    std::vector<std::string> known;
    for (const auto* lists : {&k_plan_lists, &k_kpi_lists, &k_status_lists, &k_rating_lists, &k_polarity_lists,
                              &k_missing_lists, &k_ongoing_lists})
        known.insert(known.end(), lists->begin(), lists->end());
    std::map<std::string, std::pair<std::string, long>> seen;  // family + normalised entry -> list, line
    std::string current;
    long line_no = 0;
    std::istringstream in{std::string(text)};
    std::string line;
    auto fail = [&](const std::string& what) {
        return make_error(Errc::usage, "line " + std::to_string(line_no) + ": " + what, {file});
    };
    while (std::getline(in, line)) {
        ++line_no;
        std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        if (t.front() == '[') {
            if (t.back() != ']') return fail("a list name must be written [name], got '" + t + "'");
            current = t.substr(1, t.size() - 2);
            if (std::find(known.begin(), known.end(), current) == known.end()) {
                std::string names;
                for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
                return fail("unknown list [" + current + "]; the lists are: " + names);
            }
            continue;
        }
        if (current.empty()) return fail("entry '" + t + "' comes before any [list] heading");
        std::string norm = normalize(t);
        if (norm.empty()) {
            // Entries made only of punctuation ("-", "n/a" keeps letters) are kept verbatim.
            norm = t;
        }
        std::string key = family(current) + "|" + norm;
        if (auto it = seen.find(key); it != seen.end() && it->second.first != current)
            return fail("'" + t + "' is in [" + current + "] and also in [" + it->second.first + "] (line " +
                        std::to_string(it->second.second) + "); an entry can mean only one thing");
        seen.emplace(key, std::make_pair(current, line_no));
        v.m_lists[current].push_back(norm == t && normalize(t).empty() ? std::vector<std::string>{t} : words(norm));
    }
    for (int family = 0; family < k_families; ++family) {
        const auto& names = family_lists(family);
        for (std::size_t i = 0; i < names.size(); ++i)
            for (const auto& entry : v.m_lists[names[i]]) {
                v.m_index[family][entry.front()].push_back({static_cast<int>(i), &entry});
                v.m_numeric_start[family] = v.m_numeric_start[family] || could_be_number_word(entry.front());
            }
    }
    for (const auto& required : {"plan.action", "plan.status", "kpi.ref", "kpi.title", "kpi.value", "status.blue",
                                 "status.green", "status.amber", "status.red"})
        if (v.m_lists[required].empty())
            return make_error(Errc::usage, std::string("the list [") + required + "] is missing or empty", {file});
    return v;
}

Result<Vocabulary> Vocabulary::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(Errc::io, "cannot be opened: check the path", {path});
    std::stringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), path);
}

const Vocabulary& Vocabulary::builtin() {
    static const Vocabulary v = [] {
        auto r = parse(k_builtin_vocabulary, "templates/vocabulary.txt");
        if (!r) throw std::runtime_error("built-in vocabulary is invalid: " + to_string(r.error()));
        return std::move(r).value();
    }();
    return v;
}

const std::vector<Vocabulary::Candidate>* Vocabulary::starting(int family, std::string_view word) const {
    if (word.empty()) return nullptr;
    auto it = m_index[family].find(word);
    return it == m_index[family].end() ? nullptr : &it->second;
}

std::optional<HeaderMatch> Vocabulary::best(std::string_view text, int family, bool prefix) const {
    return best(NormalizedText(text), text, family, prefix);
}

std::optional<HeaderMatch> Vocabulary::best(const NormalizedText& norm, std::string_view raw, int family, bool prefix) const {
    // Entries are a few words long: only the start of a long text can match
    // (NormalizedText keeps its start), and a text cut short cannot match exactly.
    bool cut = norm.cut();
    // Entries made only of punctuation ("-") are kept verbatim: such a text is its own word.
    std::string_view punctuation = norm.empty() ? trimmed(raw) : std::string_view{};
    std::size_t count = norm.empty() ? 1 : norm.word_count();
    auto word = [&](std::size_t k) { return norm.empty() ? punctuation : norm.word(k); };
    if (word(0).empty()) return std::nullopt;
    if (cut && count > 1) --count;  // the last word may be cut in half
    std::string_view first = word(0);
    std::string_view singular = first.size() > 1 && first.back() == 's' ? first.substr(0, first.size() - 1) : std::string_view{};
    const std::vector<Candidate>* as_typed = starting(family, first);
    const std::vector<Candidate>* as_singular = starting(family, singular);
    std::optional<HeaderMatch> out;
    auto consider = [&](const Candidate& c) {
        const auto& entry = *c.entry;
        if (entry.size() > count || (!prefix && (cut || entry.size() != count))) return;
        for (std::size_t k = 0; k < entry.size(); ++k)
            if (!word_equal(word(k), entry[k])) return;
        HeaderMatch m{c.list, entry.size(), !cut && entry.size() == count};
        if (!out || m.exact > out->exact || (m.exact == out->exact && m.words > out->words)) out = m;
    };
    // List by list, the word as typed before its singular: the first of equal matches wins.
    static const std::vector<Candidate> none;
    const auto& a = as_typed ? *as_typed : none;
    const auto& b = as_singular ? *as_singular : none;
    for (std::size_t i = 0, j = 0; i < a.size() || j < b.size();) {
        if (j == b.size() || (i < a.size() && a[i].list <= b[j].list)) consider(a[i++]);
        else consider(b[j++]);
    }
    return out;
}

bool Vocabulary::may_name_header(const NormalizedText& text, bool kpi) const {
    int family = kpi ? k_kpi : k_plan;
    if (text.empty()) return true;  // punctuation only: matched verbatim
    for (std::size_t k = 0; k < text.word_count(); ++k) {
        std::string_view w = text.word(k);
        if (starting(family, w) || (w.size() > 1 && w.back() == 's' && starting(family, w.substr(0, w.size() - 1)))) return true;
    }
    return false;
}

std::optional<HeaderMatch> Vocabulary::plan_header(std::string_view header) const { return best(header, k_plan, true); }
std::optional<HeaderMatch> Vocabulary::kpi_header(std::string_view header) const { return best(header, k_kpi, true); }
std::optional<HeaderMatch> Vocabulary::plan_header(const NormalizedText& header, std::string_view raw) const {
    return best(header, raw, k_plan, true);
}
std::optional<HeaderMatch> Vocabulary::kpi_header(const NormalizedText& header, std::string_view raw) const {
    return best(header, raw, k_kpi, true);
}

std::optional<model::PlanStatus> Vocabulary::status(std::string_view text) const {
    NormalizedText norm(text);
    auto m = best(norm, text, k_status, true);
    if (!m) return std::nullopt;
    // A one-letter entry ("A") must be the whole text, or "A lot done" would be amber.
    if (!m->exact && m->words == 1) {
        std::string_view first = norm.cut() || norm.empty() ? std::string_view{} : norm.word(0);
        std::string whole;
        if (first.empty()) {
            whole = words(normalize(text)).front();
            first = whole;
        }
        if (first.size() == 1) return std::nullopt;
    }
    return static_cast<model::PlanStatus>(m->field);
}

std::optional<model::Rating> Vocabulary::rating(std::string_view text) const {
    auto m = best(text, k_rating, true);
    if (!m) return std::nullopt;
    return static_cast<model::Rating>(m->field);
}

std::optional<model::Polarity> Vocabulary::polarity(std::string_view text) const {
    auto m = best(text, k_polarity, true);
    if (!m) return std::nullopt;
    return m->field == 0 ? model::Polarity::higher : model::Polarity::lower;
}

std::vector<int> Vocabulary::lists_named(std::string_view text, int family) const {
    // A text names two ratings only when it is made of rating words alone ("Red/Amber", "G/A",
    // "Amber to Green"); "Green: on track, first audit done" is a green with a note.
    static constexpr std::string_view k_joining[] = {"to", "or", "and", "then", "was", "now", "from", "towards", "v", "vs"};
    NormalizedText norm(text);
    std::vector<std::string> long_words = norm.cut() ? words(normalize(text)) : std::vector<std::string>{};
    std::size_t count = norm.cut() ? long_words.size() : norm.word_count();
    auto word = [&](std::size_t k) { return norm.cut() ? std::string_view(long_words[k]) : norm.word(k); };
    std::vector<int> out;
    for (std::size_t pos = 0; pos < count;) {
        if (std::find(std::begin(k_joining), std::end(k_joining), word(pos)) != std::end(k_joining)) {
            ++pos;
            continue;
        }
        std::size_t longest = 0;
        int list = -1;
        if (const auto* bucket = starting(family, word(pos)))
            for (const Candidate& c : *bucket) {
                const auto& entry = *c.entry;
                if (entry.size() <= longest || pos + entry.size() > count) continue;
                bool ok = true;
                for (std::size_t k = 0; k < entry.size() && ok; ++k) ok = word_equal(word(pos + k), entry[k]);
                if (ok) {
                    longest = entry.size();
                    list = c.list;
                }
            }
        if (list < 0) return {};  // a word that is not a rating: a phrase, not a pair of ratings
        if (std::find(out.begin(), out.end(), list) == out.end()) out.push_back(list);
        pos += longest;
    }
    return out;
}

std::vector<model::PlanStatus> Vocabulary::statuses_named(std::string_view text) const {
    std::vector<model::PlanStatus> out;
    for (int i : lists_named(text, k_status)) out.push_back(static_cast<model::PlanStatus>(i));
    return out;
}

std::vector<model::Rating> Vocabulary::ratings_named(std::string_view text) const {
    std::vector<model::Rating> out;
    for (int i : lists_named(text, k_rating)) out.push_back(static_cast<model::Rating>(i));
    return out;
}

bool Vocabulary::is_status_entry(std::string_view text) const { return best(text, k_status, false).has_value(); }
bool Vocabulary::is_rating_entry(std::string_view text) const { return best(text, k_rating, false).has_value(); }

bool Vocabulary::means_missing(std::string_view text) const {
    auto m = best(text, k_missing, false);
    return m.has_value();
}

bool Vocabulary::means_ongoing(std::string_view text) const {
    auto m = best(text, k_ongoing, false);
    return m.has_value();
}

}  // namespace bp::recognise
