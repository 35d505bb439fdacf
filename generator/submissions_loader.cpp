#include "generator/submissions_loader.hpp"

#include <algorithm>
#include <tuple>

#include "common/files.hpp"
#include "common/json_file.hpp"

namespace gen {
namespace fs = std::filesystem;

void load_submissions(const fs::path& data_dir, Site& site, common::Diagnostics& diags) {
    const fs::path root = data_dir / "submissions";
    const std::string shown_root = (data_dir / "submissions").string();
    if (!fs::is_directory(root)) {
        diags.add(data_dir.string(), 0, 0, "not a collector data directory (no submissions/ folder)");
        return;
    }
    for (const std::string& rel : common::list_files(root)) {
        // submissions/<form>/<unit>/vNNNN/submission.json; files beside it are the uploads.
        const std::string suffix = "/submission.json";
        if (rel.size() <= suffix.size() || rel.compare(rel.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
        const std::string shown = shown_root + "/" + rel;
        try {
            const common::JsonFile f = common::load_json(root / rel, shown);
            Submission s;
            s.source = rel.substr(0, rel.size() - suffix.size());
            s.form = common::require_string(f, f.value, "", "form");
            s.unit = common::require_string(f, f.value, "", "unit");
            s.call = common::optional_string(f, f.value, "", "call");
            s.received_at = common::require_string(f, f.value, "", "received_at");
            const auto& version = common::require(f, f.value, "", "version");
            if (!version.is_number_integer()) f.fail_at("/version", "\"version\" must be a whole number");
            s.version = version.get<int>();
            if (const auto it = f.value.find("fields"); it != f.value.end() && it->is_object())
                for (const auto& [k, v] : it->items())
                    if (v.is_string()) s.fields[k] = v.get<std::string>();
            if (const auto it = f.value.find("files"); it != f.value.end() && it->is_array())
                for (const auto& file : *it)
                    s.files.push_back({file.value("field", ""), file.value("name", ""), file.value("original_name", ""),
                                       file.value("sha256", ""), file.value("bytes", 0ull)});
            site.submissions.push_back(std::move(s));
        } catch (const common::SourceError& e) {
            diags.add(e.diagnostic());
        }
    }
    std::sort(site.submissions.begin(), site.submissions.end(), [](const Submission& a, const Submission& b) {
        return std::tie(a.form, a.unit, a.version) < std::tie(b.form, b.unit, b.version);
    });
}

}  // namespace gen
