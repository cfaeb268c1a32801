// Personal data in free text (issue 14 item 4): what must not reach a public
// board paper. Pure functions over one text return typed hits with byte
// offsets; check_personal_data runs them over a pack's commentary, progress,
// evidence and action text and adds a `personal-data` finding per hit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "model/issue.hpp"
#include "model/records.hpp"

namespace bp::check {

enum class PersonalKind { name, date_of_birth, nhs_number, ni_number, postcode, email, phone };
// "a person's name", "a date of birth", "an NHS number", ...: for messages
const char* personal_kind_words(PersonalKind k);

struct PersonalHit {
    PersonalKind kind;
    std::size_t offset = 0;  // byte offset of the datum in the text
    std::size_t length = 0;  // its length in bytes
    std::string masked;      // the datum with most of it hidden, safe to print: "943 *** ****"
};

// Words that are never part of a person's name (job titles, team names, service
// words, months): templates/not-names.txt, built in; compared case-insensitively.
class NotNames {
public:
    // One entry a line, # comments; every word of a line is a not-name word.
    static NotNames parse(std::string_view text);
    static const NotNames& builtin();
    bool contains(std::string_view word) const;

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_set<std::string, Hash, std::equal_to<>> m_words;  // lower case
};

// Each pattern alone (for tests), then all of them, in text order.
std::vector<PersonalHit> find_emails(std::string_view text);
std::vector<PersonalHit> find_nhs_numbers(std::string_view text);  // 10 digits (3-3-4 or run), valid modulus-11 check digit
std::vector<PersonalHit> find_ni_numbers(std::string_view text);   // AB123456C, AB 12 34 56 C
std::vector<PersonalHit> find_postcodes(std::string_view text);    // SW1A 1AA, M1 1AE (capitals)
std::vector<PersonalHit> find_phones(std::string_view text);       // 020 7946 0958, 07700 900123, +44 7700 900123
std::vector<PersonalHit> find_dates_of_birth(std::string_view text);  // a date just after DOB / born / date of birth
// A name (title + surname, or two or three capitalised words none of which is a
// not-name word) in the same sentence as, and within a few words of, a
// child-related word (child, son, mother, foster, ...).
std::vector<PersonalHit> find_names(std::string_view text, const NotNames& not_names);
std::vector<PersonalHit> find_personal_data(std::string_view text, const NotNames& not_names = NotNames::builtin());

// The modulus-11 check of a 10-digit NHS number (digits only).
bool nhs_check_digit_valid(std::string_view ten_digits);

// One `personal-data` finding at its cell per hit in each action's action,
// progress and evidence text and each measure's commentary, at `severity`.
// Returns the number of hits.
std::size_t check_personal_data(const std::vector<model::PlanAction>& actions,
                                const std::vector<model::KpiMeasure>& measures, model::Severity severity,
                                model::Issues& issues);

}  // namespace bp::check
