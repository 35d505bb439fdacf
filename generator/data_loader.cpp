#include "generator/data_loader.hpp"

#include <map>

#include "common/files.hpp"
#include "common/json_file.hpp"
#include "common/text.hpp"

namespace gen {
namespace fs = std::filesystem;
using common::JsonFile;
using nlohmann::json;

namespace {

SiteInfo read_site_info(const JsonFile& f) {
    SiteInfo s;
    s.bureau = common::require_string(f, f.value, "", "bureau");
    s.site_title = common::require_string(f, f.value, "", "site_title");
    s.host_unit = common::optional_string(f, f.value, "", "host_unit");
    if (s.host_unit.empty()) s.host_unit = s.bureau;
    if (f.value.contains("contacts")) {
        const json& list = common::require_list(f, f.value, "", "contacts");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string p = common::pointer_at("/contacts", i);
            s.contacts.push_back({common::require_string(f, list[i], p, "unit"), common::optional_string(f, list[i], p, "phone"),
                                  common::optional_string(f, list[i], p, "email")});
        }
    }
    return s;
}

TopicGuide read_topics(const JsonFile& f, const std::string& key) {
    TopicGuide g;
    common::read_doc(f, key, g);
    const json& topics = common::require_list(f, f.value, "", "topics");
    for (std::size_t i = 0; i < topics.size(); ++i) {
        const std::string p = common::pointer_at("/topics", i);
        const json& t = topics[i];
        g.topics.push_back({common::require_string(f, t, p, "number"), common::require_string(f, t, p, "title"),
                            common::require_string(f, t, p, "conditions"), common::require_string(f, t, p, "directions"),
                            common::optional_string(f, t, p, "applicants")});
    }
    return g;
}

// Runs one reader, turning its SourceError into a diagnostic.
template <typename Fn>
void guarded(common::Diagnostics& diags, Fn&& fn) {
    try {
        fn();
    } catch (const common::SourceError& e) {
        diags.add(e.diagnostic());
    }
}

}  // namespace

void load_data(const fs::path& site_root, Site& site, PersonalDataCheck& personal, common::Diagnostics& diags) {
    const fs::path data = site_root / "data";
    auto load = [&](const std::string& rel) {
        JsonFile f = common::load_json(data / rel, "data/" + rel);
        personal.scan_source(f.path, f.text);
        return f;
    };
    guarded(diags, [&] { site.info = read_site_info(load("site.json")); });
    guarded(diags, [&] {
        common::Units units = common::read_units(load("units.json"));
        site.counties = std::move(units.counties);
        site.schools = std::move(units.schools);
    });

    for (const std::string& rel : common::list_files(data)) {
        if (rel == "site.json" || rel == "units.json") continue;
        if (rel == "privacy.json") {
            guarded(diags, [&] { site.privacy = common::read_privacy(load(rel)); });
            continue;
        }
        const std::string shown = "data/" + rel;
        const auto slash = rel.find('/');
        const bool json_file = rel.size() > 5 && common::ends_with(rel, ".json");
        if (slash == std::string::npos || rel.find('/', slash + 1) != std::string::npos || !json_file) {
            diags.add(shown, 0, 0, "unexpected file in data/ (known: site.json, units.json, privacy.json, quotas/, topics/, lists/, forms/, calls/ with .json files)");
            continue;
        }
        const std::string kind = rel.substr(0, slash);
        const std::string key = rel.substr(slash + 1, rel.size() - slash - 1 - 5);
        guarded(diags, [&] {
            const JsonFile f = load(rel);
            if (kind == "quotas") site.quotas.push_back(common::read_quota(f, key, common::Units{site.counties, site.schools}));
            else if (kind == "topics") site.topics.push_back(read_topics(f, key));
            else if (kind == "lists") site.lists.push_back(common::read_list(f, key));
            else if (kind == "calls") site.calls.push_back(common::read_call(f, key));
            else if (kind == "forms") site.forms.push_back({key, shown, common::parse_form(f, key)});
            else diags.add(shown, 0, 0, "unknown data folder \"" + kind + "\" (known: quotas, topics, lists, forms, calls)");
        });
    }
}

}  // namespace gen
