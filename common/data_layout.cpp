#include "common/data_layout.hpp"

#include <algorithm>
#include <cstdio>

#include "common/text.hpp"

namespace common {
namespace fs = std::filesystem;

std::string version_name(int version) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "v%04d", version);
    return buf;
}

std::optional<int> parse_version_name(const std::string& name) {
    if (name.size() < 5 || name.size() > 10 || name[0] != 'v') return std::nullopt;
    int version = 0;
    for (std::size_t i = 1; i < name.size(); ++i) {
        if (name[i] < '0' || name[i] > '9') return std::nullopt;
        version = version * 10 + (name[i] - '0');
    }
    // Only the spelling version_name gives: "v00001" or "v0000" are strays.
    if (version < 1 || version_name(version) != name) return std::nullopt;
    return version;
}

fs::path DataLayout::unit_dir(const RecordKind& kind, const std::string& form, const std::string& unit) const {
    return records(kind) / form / unit;
}

fs::path DataLayout::version_dir(const RecordKind& kind, const VersionKey& key) const {
    return unit_dir(kind, key.form, key.unit) / version_name(key.version);
}

fs::path DataLayout::record_file(const RecordKind& kind, const VersionKey& key) const { return version_dir(kind, key) / kind.file; }

fs::path DataLayout::upload(const VersionKey& key, const std::string& name) const { return version_dir(kSubmissionRecord, key) / name; }

std::string VersionKey::shown() const { return form + "/" + unit + "/" + version_name(version); }

std::string DataLayout::repo_path(const RecordKind& kind, const VersionKey& key) {
    return std::string(kind.folder) + "/" + key.shown();
}

std::optional<RecordVersion> DataLayout::version_at(const std::string& repo_path) {
    std::vector<std::string> parts;
    for (std::size_t start = 0; parts.size() < 4 && start <= repo_path.size();) {
        const std::size_t slash = std::min(repo_path.find('/', start), repo_path.size());
        parts.push_back(repo_path.substr(start, slash - start));
        start = slash + 1;
    }
    if (parts.size() < 4 || parts[1].empty() || parts[2].empty() || parts[1][0] == '.' || parts[2][0] == '.') return std::nullopt;
    const auto version = parse_version_name(parts[3]);
    for (const RecordKind& kind : kRecordKinds)
        if (version && parts[0] == kind.folder) return RecordVersion{&kind, {parts[1], parts[2], *version}};
    return std::nullopt;
}

namespace {

// Names of the subdirectories of dir, sorted; files and hidden entries are not records.
std::vector<std::string> subdirectories(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name[0] != '.' && e.is_directory(ec)) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

std::vector<int> DataLayout::versions(const RecordKind& kind, const std::string& form, const std::string& unit) const {
    std::vector<int> out;
    for (const std::string& name : subdirectories(unit_dir(kind, form, unit)))
        if (const auto v = parse_version_name(name)) out.push_back(*v);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<VersionKey> DataLayout::versions(const RecordKind& kind) const {
    std::vector<VersionKey> out;
    for (const std::string& form : subdirectories(records(kind)))
        for (const std::string& unit : subdirectories(records(kind) / form))
            for (int v : versions(kind, form, unit)) out.push_back({form, unit, v});
    return out;
}

namespace {

// "000012.json" -> 12; nothing for any other name.
std::optional<int> parse_act_name(const std::string& name) {
    if (name.size() != 11 || !ends_with(name, ".json")) return std::nullopt;
    int n = 0;
    for (std::size_t i = 0; i < 6; ++i) {
        if (name[i] < '0' || name[i] > '9') return std::nullopt;
        n = n * 10 + (name[i] - '0');
    }
    return n > 0 ? std::optional<int>(n) : std::nullopt;
}

std::string act_name(int number) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06d.json", number);
    return buf;
}

}  // namespace

fs::path DataLayout::act_file(const std::string& call, int number) const { return acts_dir(call) / act_name(number); }

std::string DataLayout::act_repo_path(const std::string& call, int number) { return std::string(kActRecord.folder) + "/" + call + "/" + act_name(number); }

std::optional<ActKey> DataLayout::act_at(const std::string& repo_path) {
    const std::string folder = std::string(kActRecord.folder) + "/";
    const std::size_t slash = repo_path.find('/', folder.size());
    if (repo_path.compare(0, folder.size(), folder) != 0 || slash == std::string::npos || slash == folder.size() || repo_path[folder.size()] == '.')
        return std::nullopt;
    const auto number = parse_act_name(repo_path.substr(slash + 1));
    if (!number) return std::nullopt;
    return ActKey{repo_path.substr(folder.size(), slash - folder.size()), *number};
}

std::optional<std::string> DataLayout::record_at(const std::string& path) {
    if (const auto version = version_at(path)) return repo_path(*version->kind, version->key);
    if (act_at(path)) return path;
    return std::nullopt;
}

std::vector<int> DataLayout::act_numbers(const std::string& call) const {
    std::vector<int> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(acts_dir(call), ec))
        if (const auto n = parse_act_name(e.path().filename().string())) out.push_back(*n);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace common
