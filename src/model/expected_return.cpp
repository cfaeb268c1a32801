#include "model/expected_return.hpp"

namespace bp::model {

const char* return_state_name(ReturnState s) {
    switch (s) {
        case ReturnState::received: return "received";
        case ReturnState::late: return "late";
        case ReturnState::missing: return "missing";
        case ReturnState::awaited: return "awaited";
        case ReturnState::unexpected: return "unexpected";
    }
    return "missing";
}

const char* received_from_name(ReceivedFrom f) {
    switch (f) {
        case ReceivedFrom::option: return "--received";
        case ReceivedFrom::returns_list: return "returns_list";
        case ReceivedFrom::file_time: return "file_time";
    }
    return "file_time";
}

}  // namespace bp::model
