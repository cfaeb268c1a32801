// Where the web page's uploads live: each upload gets its own folder, named
// by an unguessable id (128 random bits from the kernel's CSPRNG, as hex),
// under one private root made for this server run. Folders are removed once
// they are older than the keep time, and the root when the store goes.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace bp::app {

// 32 lower-case hex digits from getrandom(2).
Result<std::string> random_id();
bool is_upload_id(std::string_view s);

class UploadStore {
public:
    using Clock = std::chrono::steady_clock;

    // Makes a private (0700) root under `parent` (empty: $TMPDIR or /tmp).
    static Result<std::unique_ptr<UploadStore>> open(Clock::duration keep, const std::string& parent = {});
    ~UploadStore();  // removes the root and everything in it
    UploadStore(const UploadStore&) = delete;
    UploadStore& operator=(const UploadStore&) = delete;

    struct Upload {
        std::string id;
        std::filesystem::path dir;
    };
    Result<Upload> create();
    // The upload's folder, if the id is well-formed, known and not expired.
    std::optional<std::filesystem::path> find(std::string_view id) const;
    void remove(const std::string& id);
    // Removes uploads older than the keep time; returns how many went.
    std::size_t sweep();

    const std::filesystem::path& root() const { return m_root; }
    Clock::duration keep() const { return m_keep; }

private:
    UploadStore(std::filesystem::path root, Clock::duration keep) : m_root(std::move(root)), m_keep(keep) {}

    std::filesystem::path m_root;
    Clock::duration m_keep;
    mutable std::mutex m_mutex;
    std::map<std::string, Clock::time_point, std::less<>> m_created;
};

}  // namespace bp::app
