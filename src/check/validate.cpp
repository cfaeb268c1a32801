#include "check/validate.hpp"

#include <cmath>
#include <fmt/format.h>

#include "model/rag.hpp"

namespace bp::check {

using model::Issue;
using model::Severity;
using model::at_data_precision;
using model::infer_polarity;
using model::rate;

namespace {

void add(model::Issues& issues, Severity s, const char* code, const model::Source& src, const std::string& field,
         std::string message) {
    issues.push_back(Issue{s, code, src.file, src.sheet, src.cell(field), std::move(message)});
}

std::string pct(double v) { return fmt::format("{:.1f}%", v * 100); }

// Half a unit of the last decimal the value was given with: 0.904 -> 0.0005.
double rounding_of(double v) {
    for (int d = 0; d <= 9; ++d) {
        double scaled = v * std::pow(10.0, d);
        if (std::fabs(scaled - std::round(scaled)) < 1e-9 * std::max(1.0, std::fabs(scaled))) return 0.5 * std::pow(10.0, -d);
    }
    return 0.5e-9;
}

}  // namespace

void check_plan(std::vector<model::PlanAction>& actions, CivilDate as_of, model::Issues& issues) {
    for (auto& a : actions) {
        if (a.rejected) continue;
        if (a.lead.empty() && a.source.cell("lead"))
            add(issues, Severity::warning, "missing-lead", a.source, "lead", "action " + a.ref + " has no lead: name the officer responsible");
        if (a.lead.empty() && !a.source.cell("lead"))
            add(issues, Severity::warning, "missing-lead", a.source, "action", "action " + a.ref + " has no lead column: add a Lead column naming the officer responsible");
        bool ongoing = a.due_ongoing;
        if (!a.due && !ongoing && !a.source.cell("due"))
            add(issues, Severity::warning, "missing-due-date", a.source, "action",
                "action " + a.ref + " has no due date column: add a Due date column");
        else if (!a.due && !ongoing)
            add(issues, Severity::warning, "missing-due-date", a.source, "due", "action " + a.ref + " has no due date: enter the date it is due");
        bool overdue = a.due && *a.due < as_of && a.status != model::PlanStatus::blue;
        a.overdue = overdue;
        if (overdue)
            add(issues, Severity::warning, "overdue", a.source, "due",
                "action " + a.ref + " was due on " + uk_date(*a.due) + " and is " + model::status_name(a.status) +
                    ", not completed: update its status or agree a new date");
        // Seed 001: wherever delivery slips, the narrative and the remedial action go with it.
        bool owed = a.status == model::PlanStatus::red || (a.status == model::PlanStatus::amber && overdue);
        a.awaiting_commentary = owed && a.progress.empty();
        if (a.awaiting_commentary)
            add(issues, Severity::warning, "missing-commentary", a.source, !a.source.cell("progress") ? "action" : "progress",
                fmt::format("action {} is {}{} but has no progress update: say why and what is being done", a.ref,
                            model::status_name(a.status), a.status == model::PlanStatus::amber ? " and overdue" : ""));
    }
}

void check_kpis(std::vector<model::KpiMeasure>& measures, model::Issues& issues) {
    for (auto& m : measures) {
        if (m.rejected) continue;
        auto error = [&](const char* code, const std::string& field, std::string message) {
            add(issues, Severity::error, code, m.source, field, std::move(message));
            m.rejected = true;
        };
        model::Polarity inferred = infer_polarity(m.target_min, m.target_upper);
        if (m.stated_polarity && m.target_min && m.target_upper &&
            at_data_precision(*m.target_min) != at_data_precision(*m.target_upper) && *m.stated_polarity != inferred)
            error("polarity-conflict", "polarity",
                  fmt::format("measure {} says {} is better, but its targets (Min {}, Upper {}) say {} is better: correct "
                              "the polarity or swap the targets",
                              m.ref, model::polarity_name(*m.stated_polarity), m.target_min.value(), m.target_upper.value(),
                              model::polarity_name(inferred)));
        m.polarity = m.stated_polarity ? *m.stated_polarity : inferred;
        if (!m.target_min && !m.target_upper && !m.stated_polarity) m.polarity = model::Polarity::none;

        if (m.numerator && m.denominator) {
            if (m.unit == model::Unit::percent && *m.numerator > *m.denominator)
                error("numerator-exceeds-denominator", "numerator",
                      fmt::format("measure {} has numerator {} greater than denominator {}: a percentage cannot exceed 100%",
                                  m.ref, *m.numerator, *m.denominator));
            else if (m.value && *m.denominator != 0) {
                double ratio = *m.numerator / *m.denominator * model::unit_ratio_scale(m.unit);
                double tolerance = m.value_decimals >= 0 ? 0.5 * std::pow(10.0, -m.value_decimals) : rounding_of(*m.value);
                if (std::fabs(ratio - *m.value) > tolerance + 1e-12)
                    add(issues, Severity::warning, "value-mismatch", m.source, "value",
                        m.unit == model::Unit::percent
                            ? fmt::format("measure {}: {} / {} is {}, but the value given is {}: check the figures",
                                          m.ref, *m.numerator, *m.denominator, pct(ratio), pct(*m.value))
                            : fmt::format("measure {}: {} / {} gives {}, but the value given is {}: check the figures",
                                          m.ref, *m.numerator, *m.denominator, model::format_in_unit(m.unit, ratio),
                                          model::format_in_unit(m.unit, *m.value)));
            }
        }
        m.rag = rate(m.value, m.target_min, m.target_upper, m.polarity);
        m.awaiting_commentary = m.rag == model::Rating::red && m.commentary.empty();
        if (m.awaiting_commentary)
            add(issues, Severity::warning, "missing-commentary", m.source, !m.source.cell("commentary") ? "value" : "commentary",
                fmt::format("measure {} is red but has no commentary: say why and what is being done{}", m.ref,
                            !m.source.cell("commentary") ? " (add a Commentary column)" : ""));
        if (m.supplied_rag && *m.supplied_rag != m.rag)
            add(issues, Severity::warning, "rag-mismatch", m.source, "rag",
                fmt::format("measure {} is marked {} but its value and targets make it {}: the computed rating is used",
                            m.ref, model::rating_name(*m.supplied_rag), model::rating_name(m.rag)));
    }
}

}  // namespace bp::check
