#include <doctest/doctest.h>

#include "check/compare.hpp"
#include "model/changes.hpp"

using namespace bp;
using model::Direction;
using model::PlanStatus;
using model::Rating;

namespace {
model::PlanAction action(std::string ref, PlanStatus status, std::optional<CivilDate> due) {
    model::PlanAction a;
    a.ref = std::move(ref);
    a.status = status;
    a.due = due;
    return a;
}

model::KpiMeasure measure(std::string ref, std::optional<double> value, Rating rag, model::Polarity polarity) {
    model::KpiMeasure m;
    m.ref = std::move(ref);
    m.value = value;
    m.rag = rag;
    m.polarity = polarity;
    m.unit = model::Unit::percent;
    return m;
}

model::MeasureSnapshot was(std::string ref, std::optional<double> value, Rating rag) {
    model::MeasureSnapshot s;
    s.ref = std::move(ref);
    s.value = value;
    s.rating = rag;
    s.unit = model::Unit::percent;
    return s;
}
}  // namespace

TEST_CASE("check::compare_with_previous: status movements, slipped dates, new and removed actions") {
    model::Pack pack;
    pack.actions = {action("1.1", PlanStatus::red, CivilDate{2026, 11, 30}),     // amber -> red, slipped 61 days
                    action("1.2", PlanStatus::blue, CivilDate{2026, 9, 30}),     // amber -> blue, same date
                    action("1.3", PlanStatus::amber, CivilDate{2026, 10, 10}),   // same status, slipped 10 days
                    action("QP 2", PlanStatus::red, std::nullopt),               // matched to "qp2"
                    action("1.9", PlanStatus::green, CivilDate{2027, 1, 1})};    // new
    model::PackSnapshot prev;
    prev.period = {2026, 9};
    prev.origin = "history.sqlite";
    prev.actions = {{"1.1", "S", "a", PlanStatus::amber, CivilDate{2026, 9, 30}, {}},
                    {"1.2", "S", "b", PlanStatus::amber, CivilDate{2026, 9, 30}, {}},
                    {"1.3", "S", "c", PlanStatus::amber, CivilDate{2026, 9, 30}, {}},
                    {"qp2", "S", "d", PlanStatus::amber, std::nullopt, {}},
                    {"1.4", "S", "gone", PlanStatus::green, std::nullopt, {}}};
    check::compare_with_previous(pack, prev);
    REQUIRE(pack.since.compared);
    CHECK(pack.since.origin == "history.sqlite");
    CHECK(model::status_movement(pack.actions[0]) == Direction::worse);
    CHECK(model::slipped_days(pack.actions[0]) == 61);
    CHECK(model::status_movement(pack.actions[1]) == Direction::better);
    CHECK(model::slipped_days(pack.actions[1]) == 0);
    CHECK(model::status_movement(pack.actions[2]) == Direction::same);
    CHECK(model::slipped_days(pack.actions[2]) == 10);
    CHECK(pack.actions[3].last_status == PlanStatus::amber);
    CHECK(pack.actions[4].new_since_last);
    CHECK(model::status_movement(pack.actions[4]) == Direction::unknown);
    REQUIRE(pack.since.removed_actions.size() == 1);
    CHECK(pack.since.removed_actions[0].ref == "1.4");

    auto c = model::count_changes(pack);
    REQUIRE(c.actions_moved.size() == 2);
    CHECK(c.actions_moved[0].from == "amber");  // worse first: amber -> red, 1.1 and QP 2
    CHECK(c.actions_moved[0].to == "red");
    CHECK(c.actions_moved[0].refs == std::vector<std::string>{"1.1", "QP 2"});
    CHECK(c.actions_moved[1].to == "blue");
    CHECK(c.actions_worse == 2);
    CHECK(c.actions_better == 1);
    CHECK(c.actions_completed == 1);
    CHECK(c.due_slipped == 2);
    CHECK(c.due_slipped_over_month == 1);
    CHECK(c.actions_new == 1);
    CHECK(c.actions_removed == 1);
}

TEST_CASE("check::compare_with_previous: a measure's direction follows its polarity, else its rating") {
    model::Pack pack;
    pack.measures = {measure("5.10", 0.72, Rating::amber, model::Polarity::higher),  // up, higher is better
                     measure("5.11", 0.30, Rating::red, model::Polarity::lower),     // up, lower is better
                     measure("5.12", 0.50, Rating::green, model::Polarity::higher),  // unchanged
                     measure("5.13", std::nullopt, Rating::green, model::Polarity::none),  // no value: by rating
                     measure("5.14", 0.40, Rating::none, model::Polarity::none),     // no polarity, no rating
                     measure("6.1", 0.10, Rating::red, model::Polarity::higher)};    // new
    model::PackSnapshot prev;
    prev.measures = {was("5.10", 0.61, Rating::red), was("5.11", 0.25, Rating::amber), was("5.12", 0.50, Rating::green),
                     was("5.13", std::nullopt, Rating::amber), was("5.14", 0.39, Rating::none),
                     was("5.99", 0.1, Rating::red)};
    check::compare_with_previous(pack, prev);
    CHECK(pack.measures[0].direction == Direction::better);
    CHECK(pack.measures[0].last_rag == Rating::red);
    CHECK(pack.measures[0].last_value == doctest::Approx(0.61));
    CHECK(pack.measures[1].direction == Direction::worse);
    CHECK(pack.measures[2].direction == Direction::same);
    CHECK(pack.measures[3].direction == Direction::better);
    CHECK(pack.measures[4].direction == Direction::unknown);
    CHECK(pack.measures[5].new_since_last);
    REQUIRE(pack.since.removed_measures.size() == 1);
    CHECK(pack.since.removed_measures[0].ref == "5.99");

    auto c = model::count_changes(pack);
    CHECK(c.measures_better == 2);
    CHECK(c.measures_worse == 1);
    CHECK(c.measures_same == 1);
    CHECK(c.measures_now_red == std::vector<std::string>{"5.11"});
    REQUIRE(c.measures_moved.size() == 3);
    CHECK(c.measures_moved[0].to == "red");  // amber -> red is the worse move, listed first
    CHECK(c.measures_new == 1);
    CHECK(c.measures_removed == 1);
}

TEST_CASE("check::compare_with_previous: values in another unit are not compared, ratings are") {
    model::Pack pack;
    pack.measures = {measure("7.1", 12, Rating::red, model::Polarity::higher)};
    pack.measures[0].unit = model::Unit::count;
    model::PackSnapshot prev;
    prev.measures = {was("7.1", 0.5, Rating::red)};  // a percentage last time
    check::compare_with_previous(pack, prev);
    CHECK_FALSE(pack.measures[0].last_value.has_value());
    CHECK(pack.measures[0].direction == Direction::same);
}

TEST_CASE("model::count_changes: a pack compared with nothing has no changes") {
    model::Pack pack;
    pack.actions = {action("1.1", PlanStatus::red, std::nullopt)};
    auto c = model::count_changes(pack);
    CHECK(c.actions_new == 0);
    CHECK(c.actions_moved.empty());
}
