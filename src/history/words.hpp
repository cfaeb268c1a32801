// summary.json's words for statuses, ratings, units and polarities read back
// into the model's enums (the history stores the same words), and the period
// as the history keys it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/records.hpp"
#include "util/excel_date.hpp"

namespace bp::history {

std::optional<model::PlanStatus> status_from_name(std::string_view word);  // "amber"
std::optional<model::Rating> rating_from_name(std::string_view word);      // "red", "none"
std::optional<model::Unit> unit_from_name(std::string_view word);          // "rate_per_10000"
std::optional<model::Polarity> polarity_from_name(std::string_view word);  // "higher"

std::string period_key(YearMonth ym);                          // "2026-09"
std::optional<YearMonth> parse_period_key(std::string_view key);  // "2026-09"
std::optional<YearMonth> parse_month_label(std::string_view label);  // "Sep 26", as month_label writes it

}  // namespace bp::history
