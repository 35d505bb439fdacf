#include "collector/record_commits.hpp"

#include "collector/clock.hpp"
#include "common/pilot_registry.hpp"
#include "common/stored_version.hpp"

namespace collector {

std::string record_message(const std::string& summary, const common::RecordKind& kind, const common::VersionKey& key) {
    return summary + "\n\nRecord: " + kind.name + "\nVersion: " + key.shown() + "\n";
}

Commit received_commit(const common::Units& units, const common::VersionKey& key, std::chrono::system_clock::time_point received) {
    const std::string name = units.name_of(key.unit);
    const std::string summary = "收到 " + key.form + " " + name + " (" + key.unit + ") " + common::version_name(key.version);
    return {name, key.unit + "@units.invalid", received, record_message(summary, common::kSubmissionRecord, key),
            {common::DataLayout::repo_path(common::kSubmissionRecord, key)}};
}

namespace {

std::string act_summary(const common::Act& act, const common::SiteData& site) {
    std::string s = common::act_label(act.kind);
    if (act.kind == common::ActKind::forward) {
        s += " " + site.units.name_of(act.county) + "：";
        for (std::size_t i = 0; i < act.selection.size(); ++i) s += (i ? "，" : "") + act.selection[i].shown();
        return s;
    }
    if (act.kind == common::ActKind::decide) {
        s += " " + act.call + "：拟立项";
        for (std::size_t i = 0; i < act.proposed.size(); ++i) s += (i ? "，" : " ") + act.proposed[i].version.shown();
        return s + (act.proposed.empty() ? "无" : "") + "；公示" + act.starts + "至" + act.ends;
    }
    if (act.kind == common::ActKind::settle) return s + " " + act.call + " 第" + std::to_string(act.objection) + "号异议：" + (act.upheld ? "成立" : "不成立");
    if (common::registry_act(act.kind)) {
        s += " " + site.units.name_of(act.pilot) + " (" + act.pilot + ")：" + act.held;
        if (act.kind == common::ActKind::annual_check) s += " " + std::to_string(act.year) + "年度";
        if (!act.result.empty()) s += " " + std::string(common::result_label(act.result));
        if (act.kind == common::ActKind::rectify) s += " 整改至" + act.until;
        return s;
    }
    s += " " + act.target.shown();
    if (act.kind == common::ActKind::opinion) s += act.recommend ? "：推荐" : "：不推荐";
    if (act.kind == common::ActKind::assign) s += "：" + act.expert.name;
    if (act.kind == common::ActKind::score) s += act.final ? "：提交" : "：草稿";
    return s;
}

std::optional<Commit> found_version(const common::Units& units, const common::DataLayout& layout, const common::RecordVersion& v) {
    // Submissions are the only versioned records yet; each new kind is told apart here.
    if (v.kind != &common::kSubmissionRecord) return std::nullopt;
    const common::StoredVersion record = common::load_stored_version(layout, v.key, nullptr);
    const auto received = parse_rfc3339(record.received_at);
    if (!received) return std::nullopt;
    return received_commit(units, v.key, *received);
}

}  // namespace

Commit account_commit(const StaffMember& expert, bool reissued, const Actor& by, const common::SiteData& site,
                      std::chrono::system_clock::time_point when) {
    const auto place = [&](const std::string& id) { return id.empty() ? std::string("名单外") : site.units.name_of(id); };
    const std::string summary = std::string(reissued ? "重设专家账号密码 " : "开通专家账号 ") + expert.login + "（" + place(expert.unit) + "，" + place(expert.county) + "）";
    return {by.name, by.id + "@staff.invalid", when, summary + "\n\nRecord: account\nAccount: " + expert.login + "\n",
            {common::DataLayout::staff_account_repo_path(expert.login)}};
}

Commit act_commit(const common::Act& act, const common::SiteData& site) {
    const std::string summary = act_summary(act, site);
    const bool forward = act.kind == common::ActKind::forward;
    const common::VersionKey& version = forward ? act.summary : act.target;
    const std::string domain = act.actor.role == "city" || act.actor.role == "expert" ? "@staff.invalid" : "@units.invalid";
    // A decision and an objection's settling concern the whole call, and name no one version.
    const bool whole_call = act.kind == common::ActKind::decide || act.kind == common::ActKind::settle;
    const std::string version_trailer = whole_call ? "" : common::registry_act(act.kind) ? "Pilot: " + act.pilot + "\n" : "Version: " + version.shown() + "\n";
    Commit c{act.actor.name, act.actor.id + domain, parse_rfc3339(act.at).value_or(std::chrono::system_clock::now()),
             summary + "\n\nRecord: " + common::kActRecord.name + "\nAct: " + common::act_name(act.kind) + "\nNumber: " +
                 std::to_string(act.number) + "\n" + version_trailer,
             {common::DataLayout::act_repo_path(act.call, act.number)}};
    if (forward) c.paths.push_back(common::DataLayout::repo_path(common::kSubmissionRecord, act.summary));
    return c;
}

FoundRecord found_records(const common::SiteData& site, const common::DataLayout& layout) {
    return [&site, &layout](const std::string& record) -> std::optional<Commit> {
        try {
            if (const auto version = common::DataLayout::version_at(record)) return found_version(site.units, layout, *version);
            if (const auto act = common::DataLayout::act_at(record)) return act_commit(common::load_act(layout, act->call, act->number, nullptr), site);
        } catch (const std::exception&) {
        }
        return std::nullopt;
    };
}

}  // namespace collector
