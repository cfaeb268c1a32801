// The input vocabulary: header synonyms per field and the words teams use
// for statuses, ratings and polarity. Loaded from templates/vocabulary.txt
// (built in, or a council's own copy), validated with line numbers.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/records.hpp"
#include "recognise/text.hpp"
#include "util/result.hpp"

namespace bp::recognise {

enum class PlanField { ref, section, action, lead, due, status, progress, evidence };
enum class KpiField {
    ref, title, group, previous, numerator, denominator, value, period_type,
    target_min, target_upper, target, tolerance, polarity, rag, commentary, trend
};
constexpr int k_plan_fields = 8;
constexpr int k_kpi_fields = 16;
const char* field_name(PlanField f);
const char* field_name(KpiField f);

struct HeaderMatch {
    int field = -1;
    std::size_t words = 0;  // length of the matching entry: longer is more specific
    bool exact = false;
};

class Vocabulary {
public:
    Vocabulary() = default;
    Vocabulary(Vocabulary&&) = default;
    Vocabulary& operator=(Vocabulary&&) = default;
    Vocabulary(const Vocabulary&) = delete;  // the index points into the lists
    Vocabulary& operator=(const Vocabulary&) = delete;

    static Result<Vocabulary> parse(std::string_view text, const std::string& file);
    static Result<Vocabulary> load(const std::string& path);
    static const Vocabulary& builtin();

    std::optional<HeaderMatch> plan_header(std::string_view header) const;
    std::optional<HeaderMatch> kpi_header(std::string_view header) const;
    // The same for a text already normalised; `raw` is the text it was made from.
    std::optional<HeaderMatch> plan_header(const NormalizedText& header, std::string_view raw) const;
    std::optional<HeaderMatch> kpi_header(const NormalizedText& header, std::string_view raw) const;
    // Could the text match any plan (KPI) header entry? False when none of its words begins an
    // entry: a cheap test that lets data cells skip the header search.
    bool may_name_header(const NormalizedText& text, bool kpi) const;
    // Could a number's text ("93.5", "1e-05") match a plan (KPI) header entry? Only if an entry
    // begins with such a word; the built-in vocabulary has none.
    bool may_name_number(bool kpi) const { return m_numeric_start[kpi ? k_kpi : k_plan]; }
    std::optional<model::PlanStatus> status(std::string_view text) const;
    std::optional<model::Rating> rating(std::string_view text) const;
    // The different statuses (ratings) a text names in one-word entries: "Red/Amber", "G/A",
    // "Amber-Green" name two, and mean neither unless the vocabulary has the whole text as an entry.
    std::vector<model::PlanStatus> statuses_named(std::string_view text) const;
    std::vector<model::Rating> ratings_named(std::string_view text) const;
    bool is_status_entry(std::string_view text) const;  // the whole text is an entry (a council's "Amber/Green")
    bool is_rating_entry(std::string_view text) const;
    std::optional<model::Polarity> polarity(std::string_view text) const;
    bool means_missing(std::string_view text) const;
    bool means_ongoing(std::string_view text) const;

private:
    // list name ("plan.ref") -> entries as word lists
    std::map<std::string, std::vector<std::vector<std::string>>> m_lists;
    // Per family (plan headers, KPI headers, statuses ...): first word -> the entries it begins,
    // in list order (points into m_lists).
    enum Family { k_plan, k_kpi, k_status, k_rating, k_polarity, k_missing, k_ongoing, k_families };
    struct Candidate {
        int list;
        const std::vector<std::string>* entry;
    };
    struct WordHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using FirstWordIndex = std::unordered_map<std::string, std::vector<Candidate>, WordHash, std::equal_to<>>;
    std::array<FirstWordIndex, k_families> m_index;
    std::array<bool, k_families> m_numeric_start{};  // an entry begins with a word a number can show
    const std::vector<Candidate>* starting(int family, std::string_view word) const;
    std::optional<HeaderMatch> best(std::string_view text, int family, bool prefix) const;
    std::optional<HeaderMatch> best(const NormalizedText& norm, std::string_view raw, int family, bool prefix) const;
    std::vector<int> lists_named(std::string_view text, int family) const;
};

}  // namespace bp::recognise
