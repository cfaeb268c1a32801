#include "util/path_overlap.hpp"

#include <sys/stat.h>

#include <optional>
#include <vector>

namespace bp {

namespace fs = std::filesystem;

namespace {

struct Identity {
    dev_t dev = 0;
    ino_t ino = 0;
    bool operator==(const Identity&) const = default;
};

std::optional<Identity> identity(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return std::nullopt;
    return Identity{st.st_dev, st.st_ino};
}

// A path as the deepest folder of it that exists (by identity) and the names
// below that folder that do not exist yet.
struct Anchored {
    fs::path existing;
    Identity id;
    std::vector<fs::path> tail;  // outermost first
};

Anchored anchor(const fs::path& p) {
    Anchored a;
    a.existing = resolved(p);
    std::vector<fs::path> tail;
    while (true) {
        if (auto id = identity(a.existing)) {
            a.id = *id;
            break;
        }
        if (a.existing == a.existing.parent_path()) break;  // nothing exists, not even the root
        tail.push_back(a.existing.filename());
        a.existing = a.existing.parent_path();
    }
    a.tail.assign(tail.rbegin(), tail.rend());
    return a;
}

}  // namespace

fs::path resolved(const fs::path& p) {
    std::error_code ec;
    fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? fs::absolute(p, ec).lexically_normal() : r.lexically_normal();
}

bool within(const fs::path& inner, const fs::path& outer) {
    Anchored in = anchor(inner), out = anchor(outer);
    // Below the part of `inner` that exists, only names: `outer` must be that
    // same folder with a leading part of the same names.
    if (out.tail.size() > in.tail.size()) return false;
    if (!out.tail.empty() || !in.tail.empty()) {
        if (!std::equal(out.tail.begin(), out.tail.end(), in.tail.begin())) return false;
        if (!out.tail.empty()) return in.id == out.id;
    }
    // `outer` exists: is it `inner`'s existing part or one of its ancestors?
    for (fs::path a = in.existing;; a = a.parent_path()) {
        if (auto id = identity(a); id && *id == out.id) return true;
        if (a == a.parent_path()) return false;
    }
}

}  // namespace bp
