#include "app/returns_options.hpp"

#include <algorithm>
#include <filesystem>

namespace bp::app {

namespace fs = std::filesystem;

void add_returns_options(CLI::App& cmd, ReturnsFlags& flags) {
    cmd.add_option("--returns-list", flags.list,
                   "The returns expected this month, one [return] block each: the pack says who sent theirs, late "
                   "or not at all (see docs/submission-tracker.md)");
    cmd.add_option("--received", flags.received,
                   "FILE=YYYY-MM-DD: the date a return was received, when its file time is not (repeatable)");
}

Result<std::shared_ptr<const check::ReturnsList>> returns_list_for(const ReturnsFlags& flags) {
    const std::optional<std::string>& path = flags.list;
    if (!path) {
        if (!flags.received.empty())
            return make_error(Errc::usage, "--received needs a returns list: give it with --returns-list FILE");
        return std::shared_ptr<const check::ReturnsList>{};
    }
    BP_ASSIGN_OR_RETURN(check::ReturnsList list, check::load_returns_list(*path));
    for (const auto& arg : flags.received) {
        BP_ASSIGN_OR_RETURN(check::ReceivedDate r, check::parse_received(arg));
        list.received.push_back(std::move(r));
    }
    return std::make_shared<const check::ReturnsList>(std::move(list));
}

std::optional<std::string> unknown_received(const check::ReturnsList& list, const std::vector<std::string>& files) {
    for (const auto& r : list.received) {
        bool named = std::any_of(files.begin(), files.end(), [&](const std::string& f) { return check::names_input(r, f); });
        if (!named)
            return "--received names " + r.file +
                   ", which is not among the workbooks read: give the file's name as it is in the input folder";
    }
    return std::nullopt;
}

}  // namespace bp::app
