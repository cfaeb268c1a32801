#include "util/output_manifest.hpp"

#include "util/clock.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include "util/atomic_file.hpp"
#include "util/digest_cache.hpp"

namespace bp {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

constexpr const char* k_marker = "boardpack output manifest";
constexpr int k_version = 1;

bool plain_leaf(const std::string& n) {
    return !n.empty() && n != "." && n != ".." && n.find('/') == std::string::npos && n.find('\0') == std::string::npos;
}

// A plain file name, or one in a subfolder ("returns/a.xlsx"): a manifest never
// names anything outside its folder.
bool plain_name(const std::string& n) {
    auto slash = n.find('/');
    return slash == std::string::npos ? plain_leaf(n) : plain_leaf(n.substr(0, slash)) && plain_leaf(n.substr(slash + 1));
}

std::optional<std::vector<ManifestEntry>> entries(const json& j) {
    if (!j.is_array()) return std::nullopt;
    std::vector<ManifestEntry> out;
    for (const auto& e : j) {
        if (!e.is_object() || !e.contains("name") || !e["name"].is_string() || !e.contains("bytes") ||
            !e["bytes"].is_number_unsigned() || !e.contains("sha256") || !e["sha256"].is_string())
            return std::nullopt;
        ManifestEntry m{e["name"].get<std::string>(), {e["bytes"].get<std::uint64_t>(), e["sha256"].get<std::string>()}};
        if (!plain_name(m.name) || m.digest.sha256.size() != 64) return std::nullopt;
        out.push_back(std::move(m));
    }
    return out;
}

json to_json(const std::vector<ManifestEntry>& es) {
    json a = json::array();
    for (const auto& e : es) a.push_back({{"name", e.name}, {"bytes", e.digest.bytes}, {"sha256", e.digest.sha256}});
    return a;
}

std::string utc_now() { return iso_utc(build_time()); }

}  // namespace

FolderManifest read_manifest(const fs::path& dir) {
    FolderManifest out;
    std::error_code ec;
    fs::path path = dir / k_manifest_name;
    auto st = fs::symlink_status(path, ec);
    if (ec || st.type() == fs::file_type::not_found) return out;
    out.foreign = true;  // until it reads as one of ours
    if (st.type() != fs::file_type::regular || fs::file_size(path, ec) > (1u << 20)) return out;
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    json j = json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("manifest", "") != k_marker || j.value("version", 0) != k_version)
        return out;
    Manifest m;
    std::string state = j.value("state", "");
    if (state != "complete" && state != "replacing") return out;
    m.complete = state == "complete";
    auto files = entries(j.value("files", json()));
    auto previous = m.complete ? std::optional(std::vector<ManifestEntry>{}) : entries(j.value("previous", json()));
    if (!files || !previous) return out;
    m.files = std::move(*files);
    m.previous = std::move(*previous);
    m.written_by = j.value("written_by", "");
    m.written_at = j.value("written_at", "");
    out.manifest = std::move(m);
    out.foreign = false;
    return out;
}

Status write_manifest(const fs::path& dir, const Manifest& m) {
    json j;
    j["manifest"] = k_marker;
    j["version"] = k_version;
    j["state"] = m.complete ? "complete" : "replacing";
    j["written_by"] = m.written_by;
    j["written_at"] = utc_now();
    j["files"] = to_json(m.files);
    if (!m.complete) j["previous"] = to_json(m.previous);
    OutputSet set(dir.string());
    BP_TRY(set.add_text(k_manifest_name, j.dump(2) + "\n"));
    return set.commit();
}

bool is_own(const Manifest& m, const fs::path& dir, const std::string& name) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(dir / name, ec))) return false;  // never follow a link out
    fs::path sub = fs::path(name).parent_path();
    if (!sub.empty() && !fs::is_directory(fs::symlink_status(dir / sub, ec))) return false;  // nor a linked subfolder
    std::optional<Result<FileDigest>> present;
    for (const auto* set : {&m.files, &m.previous}) {
        for (const auto& e : *set) {
            if (e.name != name) continue;
            if (fs::file_size(dir / name, ec) != e.digest.bytes || ec) continue;
            if (!present) present = digest_file_once(dir / name);
            if (*present && (*present)->sha256 == e.digest.sha256) return true;
        }
    }
    return false;
}

std::vector<std::string> own_files(const fs::path& dir) {
    std::vector<std::string> out;
    auto fm = read_manifest(dir);
    if (!fm.manifest) return out;
    for (const auto* set : {&fm.manifest->files, &fm.manifest->previous})
        for (const auto& e : *set)
            if (std::find(out.begin(), out.end(), e.name) == out.end() && is_own(*fm.manifest, dir, e.name))
                out.push_back(e.name);
    return out;
}

}  // namespace bp
