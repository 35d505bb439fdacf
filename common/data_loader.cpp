#include "common/data_loader.hpp"

#include <optional>

#include "common/files.hpp"
#include "common/text.hpp"

namespace common {
namespace fs = std::filesystem;

namespace {

// Runs one reader, turning its SourceError into a diagnostic.
template <typename Fn>
void guarded(Diagnostics& diags, Fn&& fn) {
    try {
        fn();
    } catch (const SourceError& e) {
        diags.add(e.diagnostic());
    }
}

// One file of a data/ folder: "quotas/2019.json" is kind "quotas", key "2019".
struct FolderFile {
    std::string kind, key;
};

std::optional<FolderFile> folder_file(const std::string& rel) {
    const auto slash = rel.find('/');
    if (slash == std::string::npos || rel.find('/', slash + 1) != std::string::npos) return std::nullopt;
    if (rel.size() - slash - 1 <= 5 || !ends_with(rel, ".json")) return std::nullopt;
    return FolderFile{rel.substr(0, slash), rel.substr(slash + 1, rel.size() - slash - 1 - 5)};
}

}  // namespace

SiteData load_site_data(const fs::path& site_root, Diagnostics& diags, const std::function<void(const JsonFile&)>& on_read) {
    const fs::path data = site_root / "data";
    auto load = [&](const std::string& rel) {
        JsonFile f = load_json(data / rel, "data/" + rel);
        if (on_read) on_read(f);
        return f;
    };
    SiteData d;
    // Units first: quota tables name their counties.
    guarded(diags, [&] { d.info = read_site_info(load("site.json")); });
    guarded(diags, [&] { d.units = read_units(load("units.json")); });
    // Only a site with online forms needs a privacy notice; the collector insists on it.
    if (fs::exists(data / "privacy.json")) guarded(diags, [&] { d.privacy = read_privacy(load("privacy.json")); });

    for (const std::string& rel : list_site_files(data, site_root, "data/", diags)) {
        if (rel == "site.json" || rel == "units.json" || rel == "privacy.json") continue;
        const std::string shown = "data/" + rel;
        const auto file = folder_file(rel);
        if (!file) {
            diags.add(shown, 0, 0, "unexpected file in data/ (known: site.json, units.json, privacy.json, quotas/, topics/, lists/, forms/, calls/ with .json files)");
            continue;
        }
        guarded(diags, [&] {
            const JsonFile f = load(rel);
            if (file->kind == "quotas") d.quotas.push_back(read_quota(f, file->key, d.units));
            else if (file->kind == "topics") d.topics.push_back(read_topics(f, file->key));
            else if (file->kind == "lists") d.lists.push_back(read_list(f, file->key));
            else if (file->kind == "calls") d.calls.push_back(read_call(f, file->key));
            else if (file->kind == "forms") d.forms.push_back({file->key, shown, parse_form(f, file->key)});
            else diags.add(shown, 0, 0, "unknown data folder \"" + file->kind + "\" (known: quotas, topics, lists, forms, calls)");
        });
    }
    return d;
}

}  // namespace common
