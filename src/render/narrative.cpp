#include "render/narrative.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "model/changes.hpp"
#include "model/rag.hpp"

namespace bp::render {

namespace {

using model::Polarity;
using model::Rating;
using model::Unit;

// "3 are", "1 is", "none are": the first item of a list of counts.
std::string lead_count(long n, std::string_view singular_verb, std::string_view plural_verb) {
    if (n == 0) return fmt::format("none {}", plural_verb);
    return fmt::format("{} {}", n, n == 1 ? singular_verb : plural_verb);
}

std::string number_or_none(long n) { return n == 0 ? "none" : std::to_string(n); }

// "a, b and c"
std::string join_and(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

struct Threshold {
    double value = 0;
    const char* name = "target";
};

// The target that decides the measure's rating: the minimum for a red one,
// the upper target for an amber one.
std::optional<Threshold> deciding_threshold(const model::KpiMeasure& m) {
    auto min = m.target_min ? m.target_min : m.target_upper;
    auto upper = m.target_upper ? m.target_upper : m.target_min;
    if (!min || !upper) return std::nullopt;
    bool single = !m.target_min || !m.target_upper || *min == *upper;
    if (m.rag == Rating::red)
        return Threshold{*min, single ? "target" : m.polarity == Polarity::lower ? "maximum" : "minimum"};
    return Threshold{*upper, "target"};
}

}  // namespace

std::string count_of(long n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

namespace {

// `v` with exactly `decimals` decimals, correctly rounded (as fmt's and printf's "%.Nf"), into
// `out` (at least 352 bytes: the longest double); returns the end. Without a format string: a
// board report formats some 25,000 values.
char* fixed_digits(char* out, double v, int decimals) {
    auto r = std::to_chars(out, out + 352, v, std::chars_format::fixed, decimals);
    return r.ec == std::errc{} ? r.ptr : fmt::format_to(out, "{:.{}f}", v, decimals);
}

}  // namespace

std::string format_number(double v, int decimals) {
    double scale = std::pow(10.0, decimals);
    double r = std::round(model::at_data_precision(v) * scale) / scale;
    if (!std::isfinite(r)) {  // as fmt writes them: "inf", "nan"
        std::string s = fmt::format("{:.{}f}", std::fabs(r), decimals);
        return r < 0 ? "-" + s : s;
    }
    char digits[352];
    char* end = fixed_digits(digits, std::fabs(r), decimals);
    if (std::find(digits, end, '.') != end) {  // trailing zeros and a bare point dropped
        while (end[-1] == '0') --end;
        if (end[-1] == '.') --end;
    }
    char* const dot = std::find(digits, end, '.');
    const auto whole = static_cast<std::size_t>(dot - digits);
    std::string out;
    out.reserve(static_cast<std::size_t>(end - digits) + whole / 3 + 1);
    if (r < 0) out += '-';
    for (std::size_t i = 0; i < whole; ++i) {
        if (i > 0 && (whole - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    out.append(dot, end);
    return out;
}

std::string format_value(const model::KpiMeasure& m, std::optional<double> v) {
    if (!v) return "–";
    switch (m.unit) {
        case Unit::percent: {
            const double p = model::at_data_precision(*v * 100);
            if (!std::isfinite(p)) return fmt::format("{:.1f}%", p);
            char buf[354];
            char* end = fixed_digits(buf, p, 1);
            *end++ = '%';
            return std::string(buf, end);
        }
        case Unit::currency: return model::format_in_unit(m.unit, *v);
        case Unit::count: return format_number(*v, 0);
        case Unit::number: return format_number(*v, 2);
        default: return format_number(*v, 1);  // rates and durations: the unit is in its own column
    }
}

std::string format_target(const model::KpiMeasure& m, std::optional<double> v) {
    if (!v) return "–";
    if (m.unit == Unit::percent) return format_number(*v * 100, 2) + "%";
    if (m.unit == Unit::currency) return model::format_in_unit(m.unit, *v);
    return format_number(*v, 2);
}

std::string format_with_unit(const model::KpiMeasure& m, std::optional<double> v) {
    if (!v) return "–";
    if (m.unit == Unit::percent || m.unit == Unit::count || m.unit == Unit::number || m.unit == Unit::currency)
        return format_value(m, v);
    return format_number(*v, 2) + " " + model::unit_label(m.unit);
}

std::string unit_column_text(Unit u) {
    if (u == Unit::count) return "count";
    if (u == Unit::number) return "–";
    return model::unit_label(u);
}

std::string long_date(CivilDate d) {
    static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    return fmt::format("{} {} {}", d.day, months[(d.month + 11) % 12], d.year);
}

std::string kpi_counts_sentence(const model::RatingCounts& c, std::size_t measures) {
    const int rated = c.rated();
    std::string out;
    if (rated == 0) {
        return measures == 0 ? "No indicators were found in the returns."
                             : fmt::format("None of the {} has a target, so none is rated.",
                                           count_of(static_cast<long>(measures), "indicator", "indicators"));
    }
    out = fmt::format("Of {} with {}, {}, {} amber and {} red.", count_of(rated, "indicator", "indicators"),
                      rated == 1 ? "a target" : "targets", lead_count(c.green, "is green", "are green"),
                      number_or_none(c.amber), number_or_none(c.red));
    if (c.none > 0)
        out += fmt::format(" The other {} {} no target: {} activity {}, shown for context.", c.none,
                           c.none == 1 ? "has" : "have", c.none == 1 ? "it is an" : "they are",
                           c.none == 1 ? "measure" : "measures");
    return out;
}

std::optional<double> shortfall(const model::KpiMeasure& m) {
    if (!m.value || (m.rag != Rating::red && m.rag != Rating::amber)) return std::nullopt;
    auto t = deciding_threshold(m);
    if (!t) return std::nullopt;
    double d = m.polarity == Polarity::lower ? *m.value - t->value : t->value - *m.value;
    if (m.unit == Unit::percent) d *= 100;
    return model::at_data_precision(d);
}

std::string distance_to_target(const model::KpiMeasure& m) {
    if (!m.value) return "no value was given";
    auto t = deciding_threshold(m);
    if (!t) return "no target is set";
    std::string value = format_with_unit(m, m.value);
    std::string target = m.unit == Unit::percent ? format_target(m, t->value) : format_with_unit(m, t->value);
    const bool lower = m.polarity == Polarity::lower;
    auto gap = shortfall(m);
    if (!gap) return fmt::format("{} meets the target of {}{}", value, target, lower ? " (lower is better)" : "");
    std::string amount;
    if (m.unit == Unit::percent) {
        std::string points = format_number(*gap, 1);
        amount = points == "0" ? "less than 0.1 points" : fmt::format("{} {}", points, points == "1" ? "point" : "points");
    } else {
        amount = m.unit == Unit::count || m.unit == Unit::number ? format_number(*gap, m.unit == Unit::count ? 0 : 2)
                                                                 : format_with_unit(m, *gap);
    }
    return fmt::format("{} is {} {} the {} of {}{}", value, amount, lower ? "above" : "below", t->name, target,
                       lower ? " (lower is better)" : "");
}

std::string plan_sentence(const std::vector<model::SectionCount>& sections, const model::SectionCount& total) {
    if (total.total == 0) return "No improvement plan actions were found in the returns.";
    std::string out = fmt::format(
        "The plan has {} in {}: {} (blue), {} on track (green), {} some progress but slippage (amber) and {} not "
        "progressed as planned (red).",
        count_of(total.total, "action", "actions"), count_of(static_cast<long>(sections.size()), "section", "sections"),
        lead_count(total.blue, "is completed", "are completed"), number_or_none(total.green),
        total.amber == 1 ? "1 shows" : number_or_none(total.amber) + " show",
        total.red == 1 ? "1 has" : number_or_none(total.red) + " have");
    if (total.unrated > 0)
        out += fmt::format(" {} no status.", total.unrated == 1 ? "1 action has" : std::to_string(total.unrated) + " actions have");
    int most = 0;
    for (const auto& s : sections) most = std::max(most, s.red);
    if (most > 0 && sections.size() > 1) {
        std::vector<std::string> names;
        for (const auto& s : sections)
            if (s.red == most) names.push_back(s.name);
        out += fmt::format(" {} {} the most actions not progressed as planned ({}).", join_and(names),
                           names.size() == 1 ? "has" : "have", most);
    }
    return out;
}

std::string red_kpis_sentence(const std::vector<const model::KpiMeasure*>& reds) {
    if (reds.empty()) return "No indicator is rated red.";
    long close = 0;
    for (const auto* m : reds)
        if (auto gap = shortfall(*m); gap && m->unit == Unit::percent && *gap < 3) ++close;
    if (reds.size() == 1)
        return close ? "1 indicator is rated red; it misses its minimum standard by less than 3 points."
                     : "1 indicator is rated red.";
    const auto n = static_cast<long>(reds.size());
    if (close == 0) return fmt::format("{} indicators are rated red.", n);
    if (close == n) return fmt::format("{} indicators are rated red; all miss their minimum standard by less than 3 points.", n);
    return fmt::format("Of the {} red indicators, {} {} {} minimum standard by less than 3 points.", n, close,
                       close == 1 ? "misses" : "miss", close == 1 ? "its" : "their");
}

std::string exception_actions_sentence(int red, int amber, int overdue) {
    std::string out;
    if (red + amber == 0) {
        out = "No action is rated red or amber.";
    } else {
        std::vector<std::string> parts;
        if (red) parts.push_back(fmt::format("{} not progressed as planned (red)", red == 1 ? "1 has" : std::to_string(red) + " have"));
        if (amber) parts.push_back(fmt::format("{} some progress but slippage (amber)", amber == 1 ? "1 shows" : std::to_string(amber) + " show"));
        out = fmt::format("{} {} red or amber: {}.", count_of(red + amber, "action", "actions"),
                          red + amber == 1 ? "is" : "are", join_and(parts));
    }
    if (overdue > 0)
        out += fmt::format(" {} past {} due date and not yet completed.",
                           overdue == 1 ? "1 action is" : std::to_string(overdue) + " actions are",
                           overdue == 1 ? "its" : "their");
    return out;
}

std::string findings_sentence(std::size_t workbooks, int errors, int warnings, int infos) {
    std::string books = count_of(static_cast<long>(workbooks), "workbook", "workbooks");
    if (errors + warnings + infos == 0) return fmt::format("Checking the {} found nothing to correct.", books);
    std::vector<std::string> parts;
    if (errors) parts.push_back(count_of(errors, "error", "errors"));
    if (warnings) parts.push_back(count_of(warnings, "warning", "warnings"));
    if (infos) parts.push_back(count_of(infos, "note", "notes"));
    std::string out = fmt::format("Checking the {} gave {}.", books, join_and(parts));
    if (errors)
        out += " Rows with errors are left out of this report until the team corrects them and sends the workbook again.";
    if (warnings) out += " Warnings point at data to check; those rows are still counted.";
    return out;
}

std::string listed_actions_sentence(int red, int amber_listed) {
    std::vector<std::string> parts;
    if (red) parts.push_back(fmt::format("every red action ({})", format_number(red, 0)));
    if (amber_listed)
        parts.push_back(fmt::format("every amber action that is overdue or awaiting commentary ({})",
                                    format_number(amber_listed, 0)));
    if (parts.empty()) return {};
    return "Listed below: " + join_and(parts) + ".";
}

std::string unlisted_amber_sentence(int n, bool others_listed, std::string_view sheet) {
    if (n <= 0) return {};
    return fmt::format("{} {}amber {}, on track to recover, {} not listed here: see the scorecard’s {} sheet.",
                       format_number(n, 0), others_listed ? "more " : "", n == 1 ? "action" : "actions",
                       n == 1 ? "is" : "are", sheet);
}

std::string_view finding_words(std::string_view code) {
    // One entry per code in docs/issue-codes.md (a test holds them together).
    static const std::pair<std::string_view, std::string_view> words[] = {
        {"unreadable-file", "unreadable file"},
        {"no-table", "no table found"},
        {"missing-column", "missing column"},
        {"missing-action", "missing action"},
        {"missing-status", "missing status"},
        {"bad-status", "status not understood"},
        {"bad-date", "date not understood"},
        {"missing-ref", "missing ref"},
        {"missing-title", "missing title"},
        {"missing-value", "missing value"},
        {"bad-number", "number not understood"},
        {"scale-mismatch", "number off its scale"},
        {"ambiguous-period", "ambiguous period"},
        {"ambiguous-column", "ambiguous column"},
        {"ambiguous-status", "ambiguous status"},
        {"numerator-exceeds-denominator", "numerator over denominator"},
        {"polarity-conflict", "polarity conflict"},
        {"duplicate-conflict", "conflicting duplicate"},
        {"formula-no-value", "formula without a value"},
        {"missing-lead", "missing lead"},
        {"missing-due-date", "missing due date"},
        {"overdue", "overdue"},
        {"missing-commentary", "awaiting commentary"},
        {"value-mismatch", "value not matching its figures"},
        {"rag-mismatch", "typed RAG differs"},
        {"bad-polarity", "polarity not understood"},
        {"bad-rag", "RAG not understood"},
        {"period-mismatch", "different month"},
        {"mapping-unused", "unused mapping"},
        {"target-unused", "target column not used"},
        {"mapping-applied", "column mapping used"},
        {"status-from-colour", "status from colour"},
        {"invalid-text", "invalid text"},
        {"sheet-skipped", "sheet skipped"},
        {"duplicate-merged", "duplicate counted once"},
        {"personal-data", "possible personal data"},
        {"return-missing", "return missing"},
        {"return-late", "return late"},
        {"return-wrong-kind", "return of the wrong kind"},
        {"return-unexpected", "workbook not on the returns list"},
    };
    for (const auto& [c, w] : words)
        if (c == code) return w;
    return {};
}

std::string main_findings_text(std::vector<FindingCount> counts, std::size_t shown) {
    std::stable_sort(counts.begin(), counts.end(), [](const FindingCount& a, const FindingCount& b) {
        if (a.severity != b.severity) return a.severity < b.severity;
        return a.count > b.count;
    });
    std::vector<std::string> parts;
    int rest = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (i >= shown) {
            rest += counts[i].count;
            continue;
        }
        std::string_view words = finding_words(counts[i].code);
        std::string text = words.empty() ? counts[i].code : std::string(words);
        if (words.empty()) std::replace(text.begin(), text.end(), '-', ' ');
        parts.push_back(fmt::format("{} {}", format_number(counts[i].count, 0), text));
    }
    if (parts.empty()) return {};
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : ", ") + parts[i];
    if (rest) out += fmt::format(" and {} more", format_number(rest, 0));
    return out;
}

std::string findings_digest_sentence(std::string_view sheet) {
    return fmt::format("The table counts each return’s findings and names the most frequent. Every finding, "
                       "with the sheet and cell to correct, is on the scorecard’s {} sheet and in summary.json; "
                       "boardpack validate lists a team’s own.",
                       sheet);
}

}  // namespace bp::render

namespace bp::render {

namespace {
// "(1.1, 2.4 and 3.2)"; a long list names the first five.
std::string refs_in_brackets(const std::vector<std::string>& refs) {
    constexpr std::size_t k_named = 5;
    if (refs.size() <= k_named + 1) return "(" + join_and(refs) + ")";
    std::vector<std::string> named(refs.begin(), refs.begin() + k_named);
    named.push_back(fmt::format("{} more", refs.size() - k_named));
    return "(" + join_and(named) + ")";
}

std::string moves_text(const std::vector<model::Movement>& moves, std::string_view one, std::string_view many) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < moves.size(); ++i) {
        const auto& m = moves[i];
        std::string who = m.refs.size() == 1 && i > 0 ? "1" : count_of(static_cast<long>(m.refs.size()), one, many);
        std::string refs = refs_in_brackets(m.refs);
        if (m.to == "blue") refs.insert(1, "completed: ");
        parts.push_back(fmt::format("{} moved from {} to {} {}", who, m.from, m.to, refs));
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
    return out + ".";
}

}  // namespace

std::string suppression_footnote(int threshold) {
    return fmt::format("c: suppressed, a count of 1 to {} children or a figure that would give one away, as the "
                       "Department for Education does in its published statistics.",
                       threshold);
}

std::vector<std::string> since_last_sentences(const model::Pack& pack) {
    const auto& since = pack.since;
    if (!since.compared)
        return {"This is the first pack: there is no earlier board pack to compare it with, so no changes are shown. "
                "The next pack will be compared with this one."};
    std::vector<std::string> out;
    out.push_back(fmt::format("Compared with the pack for {} (report date {}), read from {}.", month_label(since.period),
                              long_date(since.report_date), since.origin));
    auto c = model::count_changes(pack);
    if (!pack.actions.empty() || c.actions_removed > 0) {
        out.push_back(c.actions_moved.empty() ? "No action changed status."
                                              : moves_text(c.actions_moved, "action", "actions"));
        if (c.due_slipped == 0)
            out.push_back("No due date slipped.");
        else
            out.push_back(fmt::format("{} slipped{}.", count_of(c.due_slipped, "due date", "due dates"),
                                      c.due_slipped_over_month == 0 ? ""
                                      : c.due_slipped_over_month == c.due_slipped
                                          ? (c.due_slipped == 1 ? ", by more than a month" : ", all by more than a month")
                                          : fmt::format(", {} by more than a month", c.due_slipped_over_month)));
        if (c.actions_new > 0 || c.actions_removed > 0) {
            std::vector<std::string> parts;
            if (c.actions_new > 0)
                parts.push_back(fmt::format("{} new since last time", lead_count(c.actions_new, "action is", "actions are")));
            if (c.actions_removed > 0) {
                std::vector<std::string> refs;
                for (const auto& a : since.removed_actions) refs.push_back(a.ref);
                parts.push_back(fmt::format("{} no longer in the pack {}",
                                            lead_count(c.actions_removed, "action is", "actions are"),
                                            refs_in_brackets(refs)));
            }
            std::string s = join_and(parts) + ".";
            s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
            out.push_back(s);
        }
    }
    if (!pack.measures.empty() || c.measures_removed > 0) {
        std::vector<std::string> parts;
        for (const auto& m : c.measures_moved) {
            const char* verb = m.worse ? "fell" : "improved";
            if (m.refs.size() == 1)
                parts.push_back(fmt::format("{} {} from {} to {}", m.refs[0], verb, m.from, m.to));
            else
                parts.push_back(fmt::format("{} indicators {} from {} to {} {}", m.refs.size(), verb, m.from, m.to,
                                            refs_in_brackets(m.refs)));
        }
        if (parts.empty()) {
            out.push_back("No indicator changed its rating.");
        } else {
            std::string s;
            for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? "; " : "") + parts[i];
            out.push_back(s + ".");
        }
        int compared = c.measures_better + c.measures_worse + c.measures_same;
        int both = static_cast<int>(pack.measures.size()) - c.measures_new;
        if (both > 0) {
            std::string s = fmt::format("Of the {} reported both times, {} improved, {} worsened and {} stayed the same",
                                        count_of(both, "indicator", "indicators"), number_or_none(c.measures_better),
                                        number_or_none(c.measures_worse), number_or_none(c.measures_same));
            if (both > compared)
                s += fmt::format("; {} no direction to judge by (no polarity or rating)",
                                 both - compared == 1 ? "1 has" : std::to_string(both - compared) + " have");
            out.push_back(s + ".");
        }
        if (c.measures_new > 0 || c.measures_removed > 0) {
            std::vector<std::string> p;
            if (c.measures_new > 0)
                p.push_back(fmt::format("{} new", lead_count(c.measures_new, "indicator is", "indicators are")));
            if (c.measures_removed > 0)
                p.push_back(fmt::format("{} no longer reported",
                                        lead_count(c.measures_removed, "indicator is", "indicators are")));
            out.push_back(join_and(p) + ".");
        }
    }
    return out;
}

}  // namespace bp::render
