#include "collector/record_commits.hpp"

#include "collector/clock.hpp"
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

Commit act_commit(const common::Act& act, const std::string& summary) {
    const bool forward = act.kind == common::ActKind::forward;
    const common::VersionKey& version = forward ? act.summary : act.target;
    const std::string domain = act.actor.role == "city" ? "@staff.invalid" : "@units.invalid";
    Commit c{act.actor.name, act.actor.id + domain, parse_rfc3339(act.at).value_or(std::chrono::system_clock::now()),
             summary + "\n\nRecord: " + common::kActRecord.name + "\nAct: " + common::act_name(act.kind) + "\nNumber: " +
                 std::to_string(act.number) + "\nVersion: " + version.shown() + "\n",
             {common::DataLayout::act_repo_path(act.call, act.number)}};
    if (forward) c.paths.push_back(common::DataLayout::repo_path(common::kSubmissionRecord, act.summary));
    return c;
}

std::optional<Commit> found_commit(const common::Units& units, const common::DataLayout& layout, const common::RecordKind& kind,
                                   const common::VersionKey& key) {
    // Submissions are the only records yet; each new kind is told apart here.
    if (&kind != &common::kSubmissionRecord) return std::nullopt;
    common::StoredVersion record;
    try {
        record = common::load_stored_version(layout.record_file(kind, key), key.shown());
    } catch (const std::exception&) {
        return std::nullopt;
    }
    const auto received = parse_rfc3339(record.received_at);
    if (!received) return std::nullopt;
    return received_commit(units, key, *received);
}

}  // namespace collector
