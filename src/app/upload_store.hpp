// Where the web page's uploads live: each upload gets its own folder, named
// by an unguessable id (128 random bits from the kernel's CSPRNG, as hex),
// under one private root made for this server run. The workbooks of an
// upload are streamed into its folder while it arrives and removed once the
// pack is built; the pack's outputs stay until the keep time has passed, or
// until newer packs need the room (a cap by count and by bytes, oldest
// expired first). The root goes when the store goes.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace bp::app {

// 32 lower-case hex digits from getrandom(2).
Result<std::string> random_id();
bool is_upload_id(std::string_view s);

struct StoreLimits {
    std::size_t max_packs = 100;            // packs kept for download at once
    std::uint64_t max_bytes = 1ull << 30;   // their outputs together
};

class UploadStore {
public:
    using Clock = std::chrono::steady_clock;

    // Makes a private (0700) root under `parent` (empty: $TMPDIR or /tmp).
    static Result<std::unique_ptr<UploadStore>> open(Clock::duration keep, const std::string& parent = {},
                                                     StoreLimits limits = {});
    ~UploadStore();  // removes the root and everything in it
    UploadStore(const UploadStore&) = delete;
    UploadStore& operator=(const UploadStore&) = delete;

    struct Upload {
        std::string id;
        std::filesystem::path dir;
    };
    // A new, empty folder: not downloadable until published.
    Result<Upload> create();
    // The upload's outputs are complete: downloadable from now on. Older packs
    // expire, oldest first, so that at most max_packs are kept and they take at
    // most max_bytes. False (and the upload is removed) when this pack alone is
    // over max_bytes.
    bool publish(const std::string& id);
    // The upload's folder, if the id is well-formed, published and not expired.
    std::optional<std::filesystem::path> find(std::string_view id) const;
    void remove(const std::string& id);
    // Removes published uploads older than the keep time; returns how many went.
    std::size_t sweep();

    struct Usage {
        std::size_t packs = 0;
        std::uint64_t bytes = 0;
    };
    Usage usage() const;  // of the published packs

    const std::filesystem::path& root() const { return m_root; }
    Clock::duration keep() const { return m_keep; }
    const StoreLimits& limits() const { return m_limits; }

private:
    UploadStore(std::filesystem::path root, Clock::duration keep, StoreLimits limits)
        : m_root(std::move(root)), m_keep(keep), m_limits(limits) {}
    void remove_folders(const std::vector<std::string>& ids);

    struct Entry {
        Clock::time_point created;
        bool published = false;
        std::uint64_t bytes = 0;
    };
    std::filesystem::path m_root;
    Clock::duration m_keep;
    StoreLimits m_limits;
    mutable std::mutex m_mutex;
    std::map<std::string, Entry, std::less<>> m_entries;
};

}  // namespace bp::app
