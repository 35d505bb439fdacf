#include "collector/intake.hpp"

#include <initializer_list>
#include <memory>
#include <vector>

#include "collector/draft.hpp"
#include "collector/durable.hpp"
#include "collector/file_types.hpp"
#include "collector/record_commits.hpp"
#include "common/data_layout.hpp"
#include "common/urls.hpp"
#include "common/utf8.hpp"
#include "common/form_validation.hpp"

namespace collector {
namespace fs = std::filesystem;
using nlohmann::json;
using common::version_name;

namespace {

// Who may submit, and the rules of the call.
std::optional<Refusal> check_sender(const SiteRules& rules, const common::Form& form, const common::Call& call, const std::string& unit,
                                    const Draft& draft, const Clock& clock) {
    if (clock.today_shanghai() > call.deadline)
        return Refusal{403, "deadline_passed", "", "申报截止时间为" + call.deadline + "，逾期不予受理", {}};
    const common::School* school = rules.units.school(unit);
    const common::County* county = rules.units.county(unit);
    if (form.submitted_by == "school" && !school)
        return Refusal{403, "wrong_unit_kind", "unit", "此表由学校（申报单位）填报", {}};
    if (form.submitted_by == "county" && !county)
        return Refusal{403, "wrong_unit_kind", "unit", "此表由县市区教育行政部门填报", {}};
    if (call.exclude_unfinished_pilots && school && school->unfinished_pilot)
        return Refusal{403, "ineligible", "unit", "已承担省市级教育信息化试点项目、尚未完成验收的单位不纳入本次申报范围", {}};
    if (!call.list.empty()) {
        const common::ApprovedList* list = rules.list(call.list);
        bool listed = false;
        if (list)
            for (const auto& e : list->entries) listed = listed || e.school == unit;
        if (!listed) return Refusal{403, "not_on_list", "unit", "只有公布名单中的试点单位可以报送", {}};
    }
    if (!call.quota.empty() && county) {
        // A county forwards its schools within its quota: count the used rows of its table.
        const int quota = rules.quota_of(call.quota, unit);
        std::string table;
        for (const auto& b : form.blocks)
            if (b.type == "table" && table.empty()) table = b.name;
        int rows = 0;
        for (int row = 0; row < common::kMaxTableRows; ++row) {
            bool used = false;
            const std::string prefix = common::cell_key(common::row_prefix(table, 0), row, "");
            for (auto it = draft.fields.lower_bound(prefix); it != draft.fields.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
                used = used || !it->second.empty();
            rows += used ? 1 : 0;
        }
        if (quota >= 0 && rows > quota)
            return Refusal{422, "over_quota", table,
                           "申报数量超过分配名额：本地名额" + std::to_string(quota) + "个，填报" + std::to_string(rows) + "个", {}};
    }
    return std::nullopt;
}

// The stages of an intake in order: the first to refuse stops the others.
std::optional<Refusal> first_refusal(std::initializer_list<std::function<std::optional<Refusal>()>> stages) {
    for (const auto& stage : stages)
        if (auto refusal = stage()) return refusal;
    return std::nullopt;
}

IntakeReply refusal_reply(const Refusal& r, bool wants_json, Pages& pages) {
    if (!wants_json) {
        std::vector<std::string> messages;
        if (r.all.empty()) messages.push_back(r.message);
        for (const auto& e : r.all) messages.push_back(e.message);
        return IntakeReply{r.status, "text/html; charset=utf-8", pages.refused(messages), ""};
    }
    IntakeReply reply = error_reply(r.status, r.code, r.field, r.message);
    if (!r.all.empty()) {
        json j = json::parse(reply.body);
        j["errors"] = json::array();
        for (const auto& e : r.all) j["errors"].push_back({{"code", e.code}, {"field", e.field}, {"message", e.message}});
        reply.body = j.dump() + "\n";
    }
    return reply;
}

}  // namespace

IntakeReply error_reply(int status, const std::string& code, const std::string& field, const std::string& message) {
    json j = {{"error", {{"code", code}, {"field", field}, {"message", message}}}};
    return IntakeReply{status, "application/json; charset=utf-8", j.dump() + "\n", ""};
}

Intake::Intake(const SiteRules& rules, Pages& pages, SubmissionStore& store, AccessCodes& codes, GitCommitter& git, AuditLog& audit,
               const Clock& clock, IntakeLimits limits)
    : rules_(rules), pages_(pages), store_(store), codes_(codes), git_(git), audit_(audit), clock_(clock), limits_(limits) {}

struct Intake::Submission {
    const IntakeRequest& req;
    const common::Form& form;
    const common::Call& call;
    Staging& staging;
    json audit;
    Draft draft{};
    std::string unit{};
    common::FormValues values{};
    std::vector<common::StoredFile> files{};
    // Once stored:
    std::string receipt{}, received_at{};
    int version = 0;
};

IntakeReply Intake::receive(const IntakeRequest& req) {
    const common::FormDef* form = rules_.form(req.form);
    const common::Call* call = rules_.call_taking(req.form);
    if (!form || !call) {
        // Drain nothing: the connection is closed after the reply.
        return error_reply(404, "unknown_form", "", "没有这个表单：" + req.form);
    }
    // Removed on every path but publication, exceptions included.
    const std::unique_ptr<Staging> staging = store_.stage();
    Submission s{req, form->form, *call, *staging, {{"time", clock_.now_rfc3339()}, {"form", req.form}, {"remote", req.remote_addr}}};
    const std::optional<Refusal> refusal = first_refusal({
        [&] { return read_draft(req, s.form, limits_, staging->dir(), s.draft); },
        [&] { return authorise(s); },
        [&] { return check_sender(rules_, s.form, s.call, s.unit, s.draft, clock_); },
        [&] { return validate(s); },
        [&] { return keep_files(s); },
    });
    if (refusal) return refuse(*refusal, s);
    store(s);
    return accept(s);
}

std::optional<Refusal> Intake::authorise(Submission& s) {
    s.unit = s.draft.field("unit");
    const std::string code = s.draft.field("access_code");
    s.audit["unit"] = is_valid_unit_id(s.unit) ? s.unit : "";
    if (s.unit.empty()) return Refusal{401, "missing_unit", "unit", common::message("missing_unit", {}), {}};
    if (code.empty()) return Refusal{401, "missing_access_code", "access_code", common::message("missing_access_code", {}), {}};
    if (!codes_.verify(s.unit, code)) return Refusal{403, "bad_access_code", "access_code", "单位代码或访问码不正确", {}};
    return std::nullopt;
}

std::optional<Refusal> Intake::validate(Submission& s) const {
    for (const auto& [name, value] : s.draft.fields)
        if (name != "unit" && name != "access_code" && name != "privacy_notice") s.values[name] = value;
    for (const auto& f : s.draft.files) s.values[f.field] = f.original_name;
    // Personal data is taken only with the current notice read and agreed to.
    const std::string notice = s.draft.field("privacy_notice");
    if (notice.empty())
        return Refusal{422, "privacy_notice_required", "privacy_notice", common::message("privacy_notice_required", {{"label", rules_.privacy.title}}), {}};
    if (notice != rules_.privacy.version)
        return Refusal{422, "privacy_notice_outdated", "privacy_notice", "《" + rules_.privacy.title + "》已更新，请重新打开填报页面阅读后再提交", {}};
    const auto errors = common::validate_form(s.form, s.values);
    if (!errors.empty()) return Refusal{422, errors[0].code, errors[0].field, errors[0].message, errors};
    return std::nullopt;
}

// Each upload is checked by its content, then named for its field and type.
std::optional<Refusal> Intake::keep_files(Submission& s) const {
    for (auto& f : s.draft.files) {
        const FileCheck check = check_upload(f.sink->path(), f.original_name);
        if (!check.ok) return Refusal{422, check.code, f.field, check.message, {}};
        const std::string stored = f.field + "." + check.ext;
        fs::rename(f.sink->path(), s.staging.dir() / stored);
        s.files.push_back({f.field, stored, f.original_name, f.sink->sha256_hex(), f.sink->bytes()});
    }
    return std::nullopt;
}

void Intake::store(Submission& s) {
    const IntakeRequest& req = s.req;
    const std::string& unit = s.unit;
    const auto received = clock_.now();
    s.received_at = rfc3339_shanghai(received);
    s.receipt = s.received_at.substr(0, 4) + s.received_at.substr(5, 2) + s.received_at.substr(8, 2) + "-" + random_token(6);
    s.version = store_.commit(s.staging, {s.receipt, req.form, s.call.key, unit, 0, s.received_at, rules_.privacy.version, s.values, s.files});
    s.audit["event"] = "accepted";
    s.audit["unit"] = unit;
    s.audit["version"] = s.version;
    s.audit["receipt"] = s.receipt;
    audit_.append(s.audit, false);
    store_.sync(s.staging);  // the version's rename and its audit line, in one journal commit
    git_.note(received_commit(rules_.units, {req.form, unit, s.version}, received));
}

IntakeReply Intake::refuse(const Refusal& refusal, Submission& s) {
    s.audit["event"] = "refused";
    s.audit["code"] = refusal.code;
    audit_.append(s.audit);
    return refusal_reply(refusal, s.req.wants_json, pages_);
}

// A browser is sent to the receipt page; a script gets the receipt as JSON.
IntakeReply Intake::accept(const Submission& s) const {
    if (!s.req.wants_json) {
        IntakeReply reply{303, "text/plain; charset=utf-8", "", ""};
        reply.location = "/" + common::receipt_api(s.req.form, s.unit, version_name(s.version), s.receipt);
        return reply;
    }
    json public_files = json::array();
    for (const auto& f : s.files) public_files.push_back({{"name", f.original_name}, {"bytes", f.bytes}, {"sha256", f.sha256}});
    json out = {{"receipt", s.receipt}, {"form", s.req.form}, {"unit", s.unit}, {"version", s.version}, {"received_at", s.received_at},
                {"files", public_files}};
    return IntakeReply{201, "application/json; charset=utf-8", out.dump() + "\n", ""};
}

IntakeReply Intake::receipt_page(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt) {
    const auto not_found = [&] { return IntakeReply{404, "text/html; charset=utf-8", pages_.receipt_missing(), ""}; };
    const auto number = common::parse_version_name(version);
    if (!rules_.form(form) || !is_valid_unit_id(unit) || !number) return not_found();
    common::StoredVersion meta;
    try {
        meta = common::load_stored_version(store_.layout().record_file(common::kSubmissionRecord, {form, unit, *number}), "submission");
    } catch (const std::exception&) {
        return not_found();
    }
    if (meta.receipt != receipt || receipt.empty()) return not_found();
    const std::string unit_name = rules_.units.name_of(unit);
    Receipt shown{receipt, rules_.form(form)->form.title, unit_name, meta.received_at, meta.version, {}};
    for (const auto& file : meta.files) shown.files.push_back({file.original_name, file.bytes, file.sha256});
    return IntakeReply{200, "text/html; charset=utf-8", pages_.receipt(shown), ""};
}

}  // namespace collector
