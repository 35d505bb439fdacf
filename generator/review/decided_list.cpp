#include "generator/review/decided_list.hpp"

#include <nlohmann/json.hpp>

#include "common/calendar.hpp"
#include "generator/call_progress.hpp"
#include "generator/review/submissions_loader.hpp"

namespace gen {
namespace {

using nlohmann::json;

const Submission* submission_of(const Site& site, const common::VersionKey& key) {
    for (const Submission& s : site.submissions)
        if (s.key() == key) return &s;
    return nullptr;
}

// The list prints each 项目负责人, which the application holds sealed.
std::string leader_of(const Site& site, const common::VersionKey& key, common::Diagnostics& diags) {
    const Submission* s = submission_of(site, key);
    if (!s) return {};
    if (s->sealing == common::Sealing::closed) diags.add("--keys", 0, 0, "the 项目负责人 of " + key.shown() + " is sealed: give the key directory");
    if (s->sealing == common::Sealing::forgotten) diags.add("--keys", 0, 0, "the 项目负责人 of " + key.shown() + " was forgotten with its call's key");
    return s->field("leader");
}

// "2019年岳阳市教育信息化创新试点项目申报" -> "2019年岳阳市教育信息化创新试点项目立项名单".
std::string default_title(const Call& call) {
    const std::string suffix = "申报";
    const bool trimmed = call.title.size() > suffix.size() && call.title.compare(call.title.size() - suffix.size(), suffix.size(), suffix) == 0;
    return (trimmed ? call.title.substr(0, call.title.size() - suffix.size()) : call.title) + "立项名单";
}

}  // namespace

std::string decided_list_json(const Site& site, const Call& call, const ListOptions& o, common::Diagnostics& diags) {
    const auto review = call_review(site, call);
    const common::Act* decision = review->decision();
    if (!decision) {
        diags.add("--call", 0, 0, "call \"" + call.key + "\" has no decision on 立项 yet");
        return {};
    }
    if (!common::is_iso_date(o.today) || o.today <= decision->ends) {
        diags.add("--today", 0, 0, "the 公示 runs until " + decision->ends + "; the list comes after it (today is \"" + o.today + "\")");
        return {};
    }
    for (const common::Objection& obj : review->objections())
        if (!obj.settled) diags.add("--call", 0, 0, "objection " + std::to_string(obj.raised->number) + " to " + obj.raised->target.shown() + " is not settled");
    if (!diags.empty()) return {};
    // One entry a line, as the bundled lists are written, so that a change is a line of the diff.
    std::string entries;
    const std::vector<common::Proposal> listed = review->listed();
    for (std::size_t i = 0; i < listed.size(); ++i) {
        const common::Proposal& p = listed[i];
        const json entry = {{"unit", p.unit_name}, {"school", p.version.unit}, {"project", p.project}, {"leader", leader_of(site, p.version, diags)}};
        entries += "    " + entry.dump() + (i + 1 < listed.size() ? ",\n" : "\n");
    }
    if (!diags.empty()) return {};
    const json columns = {{"unit", "单位名称"}, {"project", "项目名称"}, {"leader", "项目负责人"}};
    // Dated the day it is made, after the 公示: its pilots are 立项 from that day (pilot_registry.hpp).
    return "{\n  \"title\": " + json(o.title.empty() ? default_title(call) : o.title).dump() + ",\n  \"date\": " + json(o.today).dump() +
           ",\n  \"columns\": " + columns.dump() +
           ",\n  \"entries\": [\n" + entries + "  ]\n}\n";
}

std::vector<common::Diagnostic> write_decided_list(const ListOptions& o) {
    common::Diagnostics diags;
    if (o.data.empty() || o.call.empty() || o.today.empty() || o.out.empty())
        return {{"list", 0, 0, "needs --data DIR, --call KEY, --today YYYY-MM-DD and --out FILE.json"}};
    Site site;
    const Call* call = load_call_site(o, site, diags);
    if (!call) return diags.sorted();
    const std::string text = decided_list_json(site, *call, o, diags);
    if (!diags.empty()) return diags.sorted();
    try {
        write_whole(o.out, text);
    } catch (const std::exception& e) {
        return {{o.out.string(), 0, 0, e.what()}};
    }
    return {};
}

}  // namespace gen
