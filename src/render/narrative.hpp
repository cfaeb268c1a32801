// The words around the tables: numbers as a board paper prints them, and the
// generated sentences that summarise each table ("Of 14 indicators with
// targets, 3 are green, 6 amber and 5 red.").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/pack.hpp"
#include "model/issue.hpp"
#include "model/records.hpp"
#include "util/excel_date.hpp"

namespace bp::render {

// "1 indicator", "3 indicators"
std::string count_of(long n, std::string_view one, std::string_view many);

// 1958 -> "1,958"; 0.5 -> "0.5" (up to `decimals`, trailing zeros dropped)
std::string format_number(double v, int decimals);
// A measure's value: percentages with one decimal (90.4%), counts with
// thousands separators, other numbers with up to two decimals. "–" when absent.
std::string format_value(const model::KpiMeasure& m, std::optional<double> v);
// A target: percentages with as few decimals as needed (85%, 96.5%).
std::string format_target(const model::KpiMeasure& m, std::optional<double> v);
// In a sentence, with its unit: "426.3 per 10,000", "690 days", "90.4%".
std::string format_with_unit(const model::KpiMeasure& m, std::optional<double> v);
// The KPI table's Unit column: "%", "per 10,000", "days", "count", "£", or "–" for a plain number.
std::string unit_column_text(model::Unit u);

// "26 November 2026"
std::string long_date(CivilDate d);

// "Of 14 indicators with targets, 3 are green, 6 amber and 5 red." and a
// sentence on the indicators without targets.
std::string kpi_counts_sentence(const model::RatingCounts& c, std::size_t measures);

// How far a measure is from the target that decides its rating, in words:
// "77.8% is 7.2 points below the minimum of 85%"; for lower-is-better
// measures "11.7% is 1.7 points above the maximum of 10% (lower is better)".
std::string distance_to_target(const model::KpiMeasure& m);
// The shortfall in the measure's own units (points for percentages) below
// the threshold of its rating; nullopt when it meets it or has none.
std::optional<double> shortfall(const model::KpiMeasure& m);

// "The plan has 62 actions in 5 sections: 14 are completed (blue), ..."
std::string plan_sentence(const std::vector<model::SectionCount>& sections, const model::SectionCount& total);

// "Of the 5 red indicators, 4 miss their minimum by less than 3 points."
std::string red_kpis_sentence(const std::vector<const model::KpiMeasure*>& reds);

// "26 actions are red or amber: 10 have not progressed as planned (red) and
// 16 show some progress but slippage (amber)." plus the overdue count.
std::string exception_actions_sentence(int red, int amber, int overdue);

// "The 7 workbooks gave 3 errors, 10 warnings and 19 notes. ..."
std::string findings_sentence(std::size_t workbooks, int errors, int warnings, int infos);

// ---- The digest: long lists summarised (report template: appendix = digest)

// Above the trimmed action table: "Listed below: every red action (601) and
// every amber action that is overdue or awaiting commentary (998)."; empty
// when nothing is listed.
std::string listed_actions_sentence(int red, int amber_listed);
// The amber actions on track to recover (not overdue, not awaiting
// commentary) that the digest leaves out: "214 more amber actions, on track
// to recover, are not listed here: see the scorecard's Plan sheet." ("more"
// only when others are listed); empty for none.
std::string unlisted_amber_sentence(int n, bool others_listed, std::string_view sheet);

// A finding code in plain words, as counted in a return's row: "overdue",
// "missing lead", "status not understood"; empty for a code it does not know.
std::string_view finding_words(std::string_view code);

struct FindingCount {
    std::string code;
    model::Severity severity = model::Severity::info;
    int count = 0;
};
// A return's findings by kind, errors first, then the most frequent, at most
// `shown` kinds: "1 status not understood, 12 overdue, 3 missing lead and 4 more".
std::string main_findings_text(std::vector<FindingCount> counts, std::size_t shown);

// Above the per-return table, where every finding is listed: "The table counts
// each return's findings ... on the scorecard's Issues sheet ...".
std::string findings_digest_sentence(std::string_view sheet);


// Under a table of a public report with hidden numbers: "c: suppressed, a count of 1 to 5 children ...".
std::string suppression_footnote(int threshold);

// ---- Since the last board

// The sentences of "Since the last board": what the pack was compared with,
// status movements ("3 actions moved from amber to red (1.1, 2.4 and 3.2)"),
// slipped due dates, new and removed actions, rating changes ("5.10 improved
// from red to amber") and the indicators' directions. A pack compared with
// nothing gets the one sentence saying so.
std::vector<std::string> since_last_sentences(const model::Pack& pack);

}  // namespace bp::render
