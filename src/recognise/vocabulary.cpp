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

bool word_equal(const std::string& text_word, const std::string& entry_word) {
    // "officers" matches "officer": plurals are common in headers.
    return text_word == entry_word || (text_word.size() == entry_word.size() + 1 && text_word.back() == 's' &&
                                       text_word.compare(0, entry_word.size(), entry_word) == 0);
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
    for (int family = 0; family < k_families; ++family)
        for (const auto& name : family_lists(family)) {
            FirstWordIndex index;
            for (const auto& entry : v.m_lists[name]) index[entry.front()].push_back(&entry);
            v.m_index[family].push_back(std::move(index));
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

std::optional<HeaderMatch> Vocabulary::best(std::string_view text, int family, bool prefix) const {
    // Entries are a few words long: only the start of a long text can match,
    // and a text cut short cannot match exactly.
    constexpr std::size_t k_window = 160;
    bool cut = text.size() > k_window;
    std::string norm = normalize(cut ? text.substr(0, k_window) : text);
    std::vector<std::string> w = norm.empty() ? std::vector<std::string>{trim(text)} : words(norm);
    if (w.empty() || w[0].empty()) return std::nullopt;
    if (cut && w.size() > 1) w.pop_back();  // the last word may be cut in half
    std::optional<HeaderMatch> out;
    std::string singular = w[0].size() > 1 && w[0].back() == 's' ? w[0].substr(0, w[0].size() - 1) : std::string{};
    const auto& lists = m_index[family];
    for (std::size_t i = 0; i < lists.size(); ++i) {
        for (const std::string* first : {&w[0], &singular}) {
            if (first->empty()) continue;
            auto bucket = lists[i].find(*first);
            if (bucket == lists[i].end()) continue;
            for (const auto* entry : bucket->second) {
                if (entry->size() > w.size() || (!prefix && (cut || entry->size() != w.size()))) continue;
                bool ok = true;
                for (std::size_t k = 0; k < entry->size() && ok; ++k) ok = word_equal(w[k], (*entry)[k]);
                if (!ok) continue;
                HeaderMatch m{static_cast<int>(i), entry->size(), !cut && entry->size() == w.size()};
                if (!out || m.exact > out->exact || (m.exact == out->exact && m.words > out->words)) out = m;
            }
        }
    }
    return out;
}

std::optional<HeaderMatch> Vocabulary::plan_header(std::string_view header) const { return best(header, k_plan, true); }
std::optional<HeaderMatch> Vocabulary::kpi_header(std::string_view header) const { return best(header, k_kpi, true); }

std::optional<model::PlanStatus> Vocabulary::status(std::string_view text) const {
    auto m = best(text, k_status, true);
    if (!m) return std::nullopt;
    // A one-letter entry ("A") must be the whole text, or "A lot done" would be amber.
    if (!m->exact && m->words == 1) {
        std::string first = words(normalize(text)).front();
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
    static const std::vector<std::string> k_joining = {"to", "or", "and", "then", "was", "now", "from", "towards", "v", "vs"};
    std::vector<std::string> w = words(normalize(text));
    std::vector<int> out;
    const auto& lists = m_index[family];
    for (std::size_t pos = 0; pos < w.size();) {
        if (std::find(k_joining.begin(), k_joining.end(), w[pos]) != k_joining.end()) {
            ++pos;
            continue;
        }
        std::size_t longest = 0;
        int list = -1;
        for (std::size_t i = 0; i < lists.size(); ++i) {
            auto bucket = lists[i].find(w[pos]);
            if (bucket == lists[i].end()) continue;
            for (const auto* entry : bucket->second) {
                if (entry->size() <= longest || pos + entry->size() > w.size()) continue;
                bool ok = true;
                for (std::size_t k = 0; k < entry->size() && ok; ++k) ok = word_equal(w[pos + k], (*entry)[k]);
                if (ok) {
                    longest = entry->size();
                    list = static_cast<int>(i);
                }
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
