// The personal-data patterns (issue 14 item 4): each with text that must be
// caught and text that must not (job titles, refs, due dates, percentages),
// and the pass over a pack's records at the right cells, never echoing a datum.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "check/personal_data.hpp"

using namespace bp;
using namespace bp::check;

namespace {

// The hits' texts, as they stand in `text`.
std::vector<std::string> found(const std::vector<PersonalHit>& hits, std::string_view text) {
    std::vector<std::string> out;
    for (const auto& h : hits) out.emplace_back(text.substr(h.offset, h.length));
    return out;
}

std::vector<std::string> all(std::string_view text) { return found(find_personal_data(text), text); }
using V = std::vector<std::string>;

}  // namespace

TEST_CASE("check::nhs_check_digit_valid") {
    CHECK(nhs_check_digit_valid("9434765919"));
    CHECK_FALSE(nhs_check_digit_valid("9434765918"));  // wrong check digit
    CHECK_FALSE(nhs_check_digit_valid("943476591"));   // nine digits
    CHECK_FALSE(nhs_check_digit_valid("94347659x9"));
}

TEST_CASE("check::find_nhs_numbers") {
    std::string t = "NHS no 943 476 5919 and 9434765919, not 943 476 5918";
    auto hits = find_nhs_numbers(t);
    CHECK(found(hits, t) == V{"943 476 5919", "9434765919"});
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].masked == "943 *** ****");
    CHECK(hits[0].offset == 7);
    SUBCASE("refs, counts and phone numbers are not NHS numbers") {
        CHECK(find_nhs_numbers("QP1.12, 4.7.2, 1,958 children, 90.4%").empty());
        CHECK(find_nhs_numbers("ref 9434765919.5").empty());
        CHECK(find_nhs_numbers("0123456789").empty());  // leading 0: a phone's
        CHECK(find_nhs_numbers("94347659190").empty());  // eleven digits
    }
}

TEST_CASE("check::find_ni_numbers") {
    std::string t = "NI QQ123456C, also QQ 12 34 56 C.";
    auto hits = find_ni_numbers(t);
    CHECK(found(hits, t) == V{"QQ123456C", "QQ 12 34 56 C"});
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].masked == "QQ*******");
    SUBCASE("excluded prefixes and letters, wrong suffix, inside a word") {
        CHECK(find_ni_numbers("BG123456A").empty());
        CHECK(find_ni_numbers("GB123456A ZZ123456B NT123456C").empty());
        CHECK(find_ni_numbers("DA123456A AO123456A").empty());
        CHECK(find_ni_numbers("AB123456E").empty());
        CHECK(find_ni_numbers("XAB123456A").empty());
        CHECK(find_ni_numbers("AB12345A").empty());
    }
}

TEST_CASE("check::find_postcodes") {
    std::string t = "lives at SW1A 1AA; moved to M1 1AE, then B33 8TH and CR2 6XH";
    auto hits = find_postcodes(t);
    CHECK(found(hits, t) == V{"SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH"});
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].masked == "SW1A ***");
    SUBCASE("refs and words are not postcodes") {
        CHECK(find_postcodes("QP1.12 and QP1 12 and PW5.3").empty());
        CHECK(find_postcodes("Q3 2026, KPI 12, CIN 2AB").empty());
        CHECK(find_postcodes("sw1a 1aa").empty());  // lower case: too like ordinary words to tell apart
        CHECK(find_postcodes("M1 1CE").empty());    // C is never in an inward code
    }
}

TEST_CASE("check::find_emails") {
    std::string t = "email sarah.jones@example.org or j_b+x@council.gov.uk.";
    auto hits = find_emails(t);
    CHECK(found(hits, t) == V{"sarah.jones@example.org", "j_b+x@council.gov.uk"});
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].masked == "s***@example.org");
    CHECK(find_emails("meet @ 10am, score 4@5, a@b, x@host").empty());
}

TEST_CASE("check::find_phones") {
    std::string t = "call 020 7946 0958, mobile 07700 900123 or +44 7700 900123; also (0161) 496 0000 and 01632960001";
    auto hits = find_phones(t);
    CHECK(found(hits, t) == V{"020 7946 0958", "07700 900123", "+44 7700 900123", "(0161) 496 0000", "01632960001"});
    REQUIRE(hits.size() == 5);
    CHECK(hits[0].masked == "020 **** ****");
    CHECK(hits[2].masked == "+44 **** ******");
    SUBCASE("counts, percentages, dates and refs are not phone numbers") {
        CHECK(find_phones("1,958 contacts, 90.4% on time, 0.5 FTE").empty());
        CHECK(find_phones("due 31/10/2026, 2026-10-31, QP1.12, 4.7.2").empty());
        CHECK(find_phones("0 of 12 345 cases").empty());
        CHECK(find_phones("ref 0123 4567 89012").empty());  // twelve digits
    }
}

TEST_CASE("check::find_dates_of_birth") {
    std::string t = "DOB 12/03/2015; born 12 March 2015; date of birth: 2015-03-12; D.O.B. 1.3.15";
    auto hits = find_dates_of_birth(t);
    CHECK(found(hits, t) == V{"12/03/2015", "12 March 2015", "2015-03-12", "1.3.15"});
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].masked == "**/**/****");
    SUBCASE("a due date is not a date of birth") {
        CHECK(find_dates_of_birth("Due 31/10/2026; audit completed 12 March 2026").empty());
        CHECK(find_dates_of_birth("Review by 31/10/2026 of the born-in-care cohort").empty());
        CHECK(find_dates_of_birth("QP1.12 reborn 12/03/2015").empty());
    }
    SUBCASE("a cue anywhere in a long text, in either case, is found") {
        for (std::size_t lead = 0; lead < 24; ++lead)
            for (std::string cue : {"DOB", "dob", "Born", "BIRTHDAY", "Date of Birth"}) {
                std::string text = std::string(lead, 'x') + " " + cue + " 12/03/2015 then more text after it";
                CAPTURE(text);
                CHECK(found(find_dates_of_birth(text), text) == V{"12/03/2015"});
            }
    }
}

TEST_CASE("check::find_names") {
    const NotNames& nn = NotNames::builtin();
    auto names = [&](std::string_view t) { return found(find_names(t, nn), t); };
    CHECK(names("Mrs Patel said her son was not seen") == V{"Mrs Patel"});
    CHECK(names("Sarah Jones's mother refused the visit") == V{"Sarah Jones"});
    CHECK(names("the child, Tom Smith, moved") == V{"Tom Smith"});
    CHECK(names("Mr. John Smith, father of the baby") == V{"Mr. John Smith"});
    CHECK(names("Sarah Jones\u2019s mother (Excel's curly apostrophe)") == V{"Sarah Jones"});
    CHECK(names("Zo\u00eb Smith\u2019s son") == V{"Zo\u00eb Smith"});
    // The child word next to other letters, punctuation and the end of the text.
    CHECK(names("the son of Tom Smith") == V{"Tom Smith"});
    CHECK(names("Tom Smith, the children's key worker visited") == V{"Tom Smith"});
    CHECK(names("seen with Tom Smith's mum") == V{"Tom Smith"});
    CHECK(names("Tom Smith\u2014son of the carer") == V{"Tom Smith"});
    CHECK(names("Tom Smith,son") == V{"Tom Smith"});
    CHECK(names("Tom Smith visited. Caf\u00e9 staff met the mother") == V{});
    CHECK(names("Sarah Jones, Team Manager, met the mother").empty());
    CHECK(names("Sarah Jones \u2013 Team Manager \u2013 met the mother").empty());
    auto hits = find_names("Mrs Patel's daughter", nn);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].masked == "M** P****");
    SUBCASE("job titles, teams and capitals are not names") {
        CHECK(names("Head of Service to review children's plans").empty());
        CHECK(names("Team Manager to visit the child").empty());
        CHECK(names("Team Manager Smith met the mother").empty());  // a member of staff by title: not caught
        CHECK(names("Early Help support for the family").empty());
        CHECK(names("MASH and CIN teams saw 40 children").empty());
        CHECK(names("Signs of Safety training for foster carers").empty());
        CHECK(names("Independent Reviewing Officer visits children in care").empty());
    }
    SUBCASE("staff named with their title, and service names, are not a child's") {
        CHECK(names("Sarah Jones (Team Manager) audited 12 children's files").empty());
        CHECK(names("Sarah Jones, Head of Service, met the foster carers").empty());
        CHECK(names("By: Jenny Whittle, Cabinet Member for Specialist Children's Services").empty());
        CHECK(names("Professor Munro's review of child protection").empty());
        CHECK(names("Groups Affected: Looked After Children and Care Leavers").empty());
        CHECK(names("Sarah Jones, mother of the child") == V{"Sarah Jones"});  // no title after the comma
        CHECK(names("Dr Smith, Designated Doctor for looked after children").empty());
    }
    SUBCASE("a name with no child-related word near it is not caught") {
        CHECK(names("Sarah Jones chaired the panel").empty());
        CHECK(names("Mrs Patel presented the report").empty());
    }
    SUBCASE("a team's own list") {
        NotNames own = NotNames::parse("# ours\nSarah Jones Unit\n");
        CHECK(find_names("Sarah Jones's mother", own).empty());
        CHECK(own.contains("SARAH"));
        CHECK_FALSE(own.contains("ours"));
    }
}

TEST_CASE("check::find_personal_data") {
    std::string t = "Tom Smith's mother (NHS 943 476 5919) on 07700 900123; reviewed 4.7.2 and QP1.12 on 31/10/2026, 90.4%";
    CHECK(all(t) == V{"Tom Smith", "943 476 5919", "07700 900123"});
    CHECK(all("Head of Service: 1,958 contacts, 90.4% within 24 hours, due 31/10/2026 (QP1.12)").empty());
}

TEST_CASE("check::check_personal_data") {
    model::PlanAction a;
    a.ref = "QP1.1";
    a.action = "Audit plans";
    a.progress = "Mrs Patel's son seen; NHS 943 476 5919";
    a.source.file = "plan.xlsx";
    a.source.sheet = "Plan";
    a.source.cells = {{"action", CellPos{2, 1}}, {"progress", CellPos{2, 6}}};
    model::KpiMeasure m;
    m.ref = "2.1";
    m.commentary = "90.4% on time; email x.y@example.org";
    m.source.file = "kpi.xlsx";
    m.source.sheet = "KPIs";
    m.source.cells = {{"commentary", CellPos{5, 9}}};
    model::Issues issues;
    CHECK(check_personal_data({a}, {m}, model::Severity::warning, issues) == 3);
    REQUIRE(issues.size() == 3);
    for (const auto& i : issues) {
        CHECK(i.code == "personal-data");
        CHECK(i.severity == model::Severity::warning);
        CHECK(i.message.find("5919") == std::string::npos);
        CHECK(i.message.find("Patel") == std::string::npos);
        CHECK(i.message.find("x.y@") == std::string::npos);
    }
    CHECK(issues[0].a1() == "G3");
    CHECK(issues[0].message.find("action QP1.1: the progress update has what looks like a person's name (M** P****)") == 0);
    CHECK(issues[1].message.find("an NHS number (943 *** ****)") != std::string::npos);
    CHECK(issues[2].a1() == "J6");
    CHECK(issues[2].file == "kpi.xlsx");
    CHECK(issues[2].message.find("measure 2.1: the commentary has what looks like an email address (x***@example.org)") == 0);
}

TEST_CASE("check::find_names whole runs") {
    // "Public" is a not-name word, so the run "Public Law Outline" is no name, nor is its tail.
    CHECK(find_names("Track every child in the Public Law Outline process", NotNames::parse("Public")).empty());
    CHECK(find_names("the child of Mrs Patel", NotNames::parse("Public")).size() == 1);
}

TEST_CASE("check::find_personal_data on broken and random text") {
    // Cut-off and malformed forms end the scan cleanly (the sanitizer build reads these too).
    for (std::string_view t : {"(0", "(0x) 7946 0958", "(01a) 496 0000", "+44", "+44 (0", "QQ 12 34", "SW1A", "DOB",
                               "born 12 Mar", "Mrs", "a@", "@b.com", "\xE2\x80", "Zo\xC3", "9434765"})
        CHECK(find_personal_data(t).empty());
    // Random text of the characters the patterns look at: every hit lies within the text.
    std::uint32_t seed = 7;
    auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
    const std::string_view alphabet = "0123456789  +()-./@,:'ABCDMQSWZabcdeosr\xE2\x80\x99\x93\xC3\xAB\n%";
    const std::string_view pieces[] = {"Mrs ", "Sarah ", "Jones's ", "mother ", "DOB ", "born ", "12/03/2015",
                                       "943 476 5919", "QQ 12 34 56 C", "SW1A 1AA", "+44 7700 900123", "a@b.co", "\xE2\x80"};
    std::size_t hits = 0;
    bool inside = true;
    for (int n = 0; n < 20000; ++n) {
        std::string s;
        for (unsigned i = 0, len = next() % 60; i < len; ++i) {
            if (next() % 4 == 0) s += pieces[next() % std::size(pieces)];
            else s += alphabet[next() % alphabet.size()];
        }
        for (const auto& h : find_personal_data(s)) {
            inside = inside && h.offset + h.length <= s.size() && h.length > 0;
            ++hits;
        }
    }
    CHECK(inside);
    CHECK(hits > 1000);  // the pieces are found: the loop tested something
}
