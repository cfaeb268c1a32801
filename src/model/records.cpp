#include "model/issue.hpp"
#include "model/records.hpp"

namespace bp::model {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "info";
    }
    return "error";
}

const char* status_name(Status s) {
    switch (s) {
        case Status::blue: return "blue";
        case Status::green: return "green";
        case Status::amber: return "amber";
        case Status::red: return "red";
        case Status::unrated: return "unrated";
    }
    return "unrated";
}

const char* rating_name(Rating r) {
    switch (r) {
        case Rating::green: return "green";
        case Rating::amber: return "amber";
        case Rating::red: return "red";
        case Rating::none: return "none";
    }
    return "none";
}

const char* polarity_name(Polarity p) {
    switch (p) {
        case Polarity::higher: return "higher";
        case Polarity::lower: return "lower";
        case Polarity::none: return "none";
    }
    return "none";
}

const char* unit_name(Unit u) {
    switch (u) {
        case Unit::percent: return "percent";
        case Unit::count: return "count";
        case Unit::number: return "number";
    }
    return "number";
}

}  // namespace bp::model
