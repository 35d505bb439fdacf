#include "generator/data_loader.hpp"

#include <map>

#include "common/files.hpp"
#include "common/json_file.hpp"

namespace gen {
namespace fs = std::filesystem;
using common::JsonFile;
using nlohmann::json;

namespace {

std::string idx(const std::string& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

const json& list_of(const JsonFile& f, const json& obj, const std::string& ptr, const char* key) {
    const json& v = common::require(f, obj, ptr, key);
    if (!v.is_array()) f.fail_at(ptr + "/" + key, std::string("\"") + key + "\" must be a list");
    return v;
}

void read_doc(const JsonFile& f, const std::string& key, DataDoc& doc) {
    doc.key = key;
    doc.source = f.path;
    doc.title = common::require_string(f, f.value, "", "title");
    std::vector<std::string>& out = doc.heading;
    if (const auto it = f.value.find("heading"); it != f.value.end()) {
        if (!it->is_array()) f.fail_at("/heading", "\"heading\" must be a list of lines");
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string()) f.fail_at(idx("/heading", i), "expected a string");
            out.push_back((*it)[i].get<std::string>());
        }
    }
    if (out.empty()) out.push_back(doc.title);
}

SiteInfo read_site_info(const JsonFile& f) {
    SiteInfo s;
    s.bureau = common::require_string(f, f.value, "", "bureau");
    s.site_title = common::require_string(f, f.value, "", "site_title");
    s.host_unit = common::optional_string(f, f.value, "", "host_unit");
    if (s.host_unit.empty()) s.host_unit = s.bureau;
    if (f.value.contains("contacts")) {
        const json& list = list_of(f, f.value, "", "contacts");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string p = idx("/contacts", i);
            s.contacts.push_back({common::require_string(f, list[i], p, "unit"), common::optional_string(f, list[i], p, "phone"),
                                  common::optional_string(f, list[i], p, "email")});
        }
    }
    return s;
}

void read_units(const JsonFile& f, Site& site) {
    const json& counties = list_of(f, f.value, "", "counties");
    std::map<std::string, bool> seen;
    for (std::size_t i = 0; i < counties.size(); ++i) {
        const std::string p = idx("/counties", i);
        County c{common::require_string(f, counties[i], p, "id"), common::require_string(f, counties[i], p, "name")};
        if (seen.count(c.id)) f.fail_at(p + "/id", "unit id \"" + c.id + "\" is used twice");
        seen[c.id] = true;
        site.counties.push_back(std::move(c));
    }
    if (!f.value.contains("schools")) return;
    const json& schools = list_of(f, f.value, "", "schools");
    for (std::size_t i = 0; i < schools.size(); ++i) {
        const std::string p = idx("/schools", i);
        School s;
        s.id = common::require_string(f, schools[i], p, "id");
        s.name = common::require_string(f, schools[i], p, "name");
        s.county = common::require_string(f, schools[i], p, "county");
        if (seen.count(s.id)) f.fail_at(p + "/id", "unit id \"" + s.id + "\" is used twice");
        seen[s.id] = true;
        bool county_known = false;
        for (const auto& c : site.counties) county_known = county_known || c.id == s.county;
        if (!county_known) f.fail_at(p + "/county", "unknown county \"" + s.county + "\"");
        if (const auto it = schools[i].find("unfinished_pilot"); it != schools[i].end()) {
            if (!it->is_boolean()) f.fail_at(p + "/unfinished_pilot", "\"unfinished_pilot\" must be true or false");
            s.unfinished_pilot = it->get<bool>();
        }
        site.schools.push_back(std::move(s));
    }
}

QuotaTable read_quota(const JsonFile& f, const std::string& key, const Site& site) {
    QuotaTable q;
    read_doc(f, key, q);
    q.unit_column = common::require_string(f, f.value, "", "unit_column");
    q.quota_column = common::require_string(f, f.value, "", "quota_column");
    const json& rows = list_of(f, f.value, "", "rows");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string p = idx("/rows", i);
        QuotaRow row;
        row.county_id = common::require_string(f, rows[i], p, "county");
        for (const auto& c : site.counties)
            if (c.id == row.county_id) row.county_name = c.name;
        if (row.county_name.empty()) f.fail_at(p + "/county", "unknown county \"" + row.county_id + "\" (see data/units.json)");
        const json& quota = common::require(f, rows[i], p, "quota");
        if (!quota.is_number_integer() || quota.get<int>() < 0) f.fail_at(p + "/quota", "a quota must be a whole number");
        row.quota = quota.get<int>();
        q.total += row.quota;
        q.rows.push_back(std::move(row));
    }
    const json& total = common::require(f, f.value, "", "total");
    q.total_label = common::require_string(f, total, "/total", "label");
    if (const auto it = total.find("quota"); it != total.end()) {
        if (!it->is_number_integer()) f.fail_at("/total/quota", "a quota must be a whole number");
        if (it->get<int>() != q.total)
            f.fail_at("/total/quota", "declared total " + std::to_string(it->get<int>()) + " differs from the sum of the rows, " +
                                          std::to_string(q.total));
    }
    return q;
}

TopicGuide read_topics(const JsonFile& f, const std::string& key) {
    TopicGuide g;
    read_doc(f, key, g);
    const json& topics = list_of(f, f.value, "", "topics");
    for (std::size_t i = 0; i < topics.size(); ++i) {
        const std::string p = idx("/topics", i);
        const json& t = topics[i];
        g.topics.push_back({common::require_string(f, t, p, "number"), common::require_string(f, t, p, "title"),
                            common::require_string(f, t, p, "conditions"), common::require_string(f, t, p, "directions"),
                            common::optional_string(f, t, p, "applicants")});
    }
    return g;
}

ApprovedList read_list(const JsonFile& f, const std::string& key) {
    ApprovedList l;
    read_doc(f, key, l);
    const json& cols = common::require(f, f.value, "", "columns");
    l.unit_label = common::require_string(f, cols, "/columns", "unit");
    l.project_label = common::require_string(f, cols, "/columns", "project");
    l.leader_label = common::require_string(f, cols, "/columns", "leader");
    const json& entries = list_of(f, f.value, "", "entries");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string p = idx("/entries", i);
        const json& e = entries[i];
        l.entries.push_back({common::require_string(f, e, p, "unit"), common::optional_string(f, e, p, "school"),
                             common::require_string(f, e, p, "project"), common::require_string(f, e, p, "leader")});
    }
    return l;
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
    guarded(diags, [&] { read_units(load("units.json"), site); });

    for (const std::string& rel : common::list_files(data)) {
        if (rel == "site.json" || rel == "units.json") continue;
        const std::string shown = "data/" + rel;
        const auto slash = rel.find('/');
        const bool json_file = rel.size() > 5 && rel.compare(rel.size() - 5, 5, ".json") == 0;
        if (slash == std::string::npos || rel.find('/', slash + 1) != std::string::npos || !json_file) {
            diags.add(shown, 0, 0, "unexpected file in data/ (known: site.json, units.json, quotas/, topics/, lists/, forms/ with .json files)");
            continue;
        }
        const std::string kind = rel.substr(0, slash);
        const std::string key = rel.substr(slash + 1, rel.size() - slash - 1 - 5);
        guarded(diags, [&] {
            const JsonFile f = load(rel);
            if (kind == "quotas") site.quotas.push_back(read_quota(f, key, site));
            else if (kind == "topics") site.topics.push_back(read_topics(f, key));
            else if (kind == "lists") site.lists.push_back(read_list(f, key));
            else if (kind == "forms") site.forms.push_back({key, shown, common::parse_form(f, key)});
            else diags.add(shown, 0, 0, "unknown data folder \"" + kind + "\" (known: quotas, topics, lists, forms)");
        });
    }
}

}  // namespace gen
