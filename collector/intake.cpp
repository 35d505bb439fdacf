#include "collector/intake.hpp"

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "collector/durable.hpp"
#include "collector/file_sink.hpp"
#include "collector/file_types.hpp"
#include "collector/multipart.hpp"
#include "common/files.hpp"
#include "common/urls.hpp"
#include "common/utf8.hpp"
#include "common/form_validation.hpp"

namespace collector {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kPartOverhead = 128;

struct Refusal {
    int status;
    std::string code, field, message;
    std::vector<common::FieldError> all;  // every field error, when validation failed
};

struct UploadedFile {
    std::string field, original_name;
    std::unique_ptr<FileSink> sink;
};

// Everything a request carried, once its body has been read.
struct Draft {
    std::map<std::string, std::string> fields;
    std::vector<UploadedFile> files;
};

// Reads the multipart body into a draft: text fields in memory, files
// streamed into the staging directory under names the server chooses.
std::optional<Refusal> read_draft(const IntakeRequest& req, const common::Form& form, const IntakeLimits& limits,
                                  const fs::path& staged, Draft& draft) {
    const auto boundary = multipart_boundary(req.content_type);
    if (!boundary) return Refusal{415, "bad_content_type", "", "请以multipart/form-data方式提交表单", {}};
    std::map<std::string, const common::FormField*> file_fields;
    for (const common::FormField* f : common::all_fields(form))
        if (f->type == "file") file_fields[f->name] = f;

    std::optional<Refusal> refusal;
    std::string current_name;
    std::string* text = nullptr;
    UploadedFile* file = nullptr;
    std::size_t fields_total = 0, body_total = 0;
    MultipartParser parser(*boundary, {
        [&](const PartHeader& h) {
            text = nullptr;
            file = nullptr;
            current_name = h.name;
            const bool is_file_field = file_fields.count(h.name) > 0;
            if (h.filename && is_file_field) {
                if (h.filename->empty()) return true;  // an empty file input: nothing chosen
                for (const auto& f : draft.files)
                    if (f.field == h.name) {
                        refusal = Refusal{400, "duplicate_field", h.name, "同一项提交了两次：" + h.name, {}};
                        return false;
                    }
                const fs::path path = staged / ("upload-" + std::to_string(draft.files.size() + 1));
                draft.files.push_back({h.name, *h.filename, std::make_unique<FileSink>(path, limits.file_bytes)});
                file = &draft.files.back();
                return true;
            }
            if (h.filename || is_file_field) {
                refusal = Refusal{422, h.filename ? "unknown_field" : "file_expected", h.name,
                                  h.filename ? "表单中没有此上传项：" + h.name : "此项需上传文件：" + h.name, {}};
                return false;
            }
            // Every part costs memory beyond its value: count it, so that
            // millions of empty parts cannot grow the draft unchecked.
            fields_total += h.name.size() + kPartOverhead;
            if (fields_total > limits.fields_total) {
                refusal = Refusal{413, "field_too_large", h.name, "填写内容过长：" + h.name, {}};
                return false;
            }
            if (draft.fields.count(h.name)) {
                refusal = Refusal{400, "duplicate_field", h.name, "同一项提交了两次：" + h.name, {}};
                return false;
            }
            text = &draft.fields[h.name];
            return true;
        },
        [&](const char* data, std::size_t n) {
            if (file) {
                if (!file->sink->write(data, n)) {
                    refusal = Refusal{413, "file_too_large", file->field,
                                      "上传文件超过" + std::to_string(limits.file_bytes / (1024 * 1024)) + "MB：" + file->field, {}};
                    return false;
                }
            } else if (text) {
                fields_total += n;
                if (text->size() + n > limits.field_bytes || fields_total > limits.fields_total) {
                    refusal = Refusal{413, "field_too_large", current_name, "填写内容过长：" + current_name, {}};
                    return false;
                }
                text->append(data, n);
            }
            return true;
        },
        [&] {
            if (file) file->sink->finish();
            file = nullptr;
            text = nullptr;
            return true;
        },
    });
    const bool transferred = req.read_body([&](const char* data, std::size_t n) {
        body_total += n;
        if (body_total > limits.body_bytes) {
            if (!refusal) refusal = Refusal{413, "body_too_large", "", "提交内容总量过大", {}};
            return false;
        }
        return parser.feed(data, n);
    });
    if (refusal) return refusal;
    if (!transferred || !parser.done())
        return Refusal{400, "bad_multipart", "", "提交内容不完整或格式有误，请重新提交" + (parser.error().empty() ? "" : "（" + parser.error() + "）"), {}};
    return std::nullopt;
}

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
        const auto it = rules.lists.find(call.list);
        bool listed = false;
        if (it != rules.lists.end())
            for (const auto& e : it->second.entries) listed = listed || e.school == unit;
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
            const std::string prefix = table + "." + std::to_string(row) + ".";
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

IntakeReply Intake::receive(const IntakeRequest& req) {
    json audit = {{"time", clock_.now_rfc3339()}, {"form", req.form}, {"remote", req.remote_addr}};
    const auto form_it = rules_.forms.find(req.form);
    const common::Call* call = rules_.call_for(req.form);
    if (form_it == rules_.forms.end() || !call) {
        // Drain nothing: the connection is closed after the reply.
        return error_reply(404, "unknown_form", "", "没有这个表单：" + req.form);
    }
    const common::Form& form = form_it->second;
    // Removed on every path but publication, exceptions included.
    const std::unique_ptr<Staging> staging = store_.stage();
    const fs::path& staged = staging->dir();
    Draft draft;
    std::optional<Refusal> refusal = read_draft(req, form, limits_, staged, draft);

    std::string unit;
    if (!refusal) {
        unit = draft.fields.count("unit") ? draft.fields["unit"] : "";
        const std::string code = draft.fields.count("access_code") ? draft.fields["access_code"] : "";
        audit["unit"] = is_valid_unit_id(unit) ? unit : "";
        if (unit.empty()) refusal = Refusal{401, "missing_unit", "unit", common::message("missing_unit", {}), {}};
        else if (code.empty()) refusal = Refusal{401, "missing_access_code", "access_code", common::message("missing_access_code", {}), {}};
        else if (!codes_.verify(unit, code)) refusal = Refusal{403, "bad_access_code", "access_code", "单位代码或访问码不正确", {}};
    }
    if (!refusal) refusal = check_sender(rules_, form, *call, unit, draft, clock_);

    common::FormValues values;
    if (!refusal) {
        for (const auto& [name, value] : draft.fields)
            if (name != "unit" && name != "access_code" && name != "privacy_notice") values[name] = value;
        // Personal data is taken only with the current notice read and agreed to.
        const auto notice = draft.fields.find("privacy_notice");
        if (notice == draft.fields.end() || notice->second.empty())
            refusal = Refusal{422, "privacy_notice_required", "privacy_notice",
                              common::message("privacy_notice_required", {{"label", rules_.privacy.title}}), {}};
        else if (notice->second != rules_.privacy.version)
            refusal = Refusal{422, "privacy_notice_outdated", "privacy_notice",
                              "《" + rules_.privacy.title + "》已更新，请重新打开填报页面阅读后再提交", {}};
        for (const auto& f : draft.files) values[f.field] = f.original_name;
        const auto errors = refusal ? std::vector<common::FieldError>{} : common::validate_form(form, values);
        if (!errors.empty()) refusal = Refusal{422, errors[0].code, errors[0].field, errors[0].message, errors};
    }

    json files = json::array();
    if (!refusal) {
        for (auto& f : draft.files) {
            const FileCheck check = check_upload(f.sink->path(), f.original_name);
            if (!check.ok) {
                refusal = Refusal{422, check.code, f.field, check.message, {}};
                break;
            }
            const std::string stored = f.field + "." + check.ext;
            fs::rename(f.sink->path(), staged / stored);
            files.push_back({{"field", f.field}, {"name", stored}, {"original_name", f.original_name}, {"bytes", f.sink->bytes()},
                             {"sha256", f.sink->sha256_hex()}});
        }
    }

    if (refusal) {
        audit["event"] = "refused";
        audit["code"] = refusal->code;
        audit_.append(audit);
        return refusal_reply(*refusal, req.wants_json, pages_);
    }

    const std::string received_at = clock_.now_rfc3339();
    const std::string receipt = received_at.substr(0, 4) + received_at.substr(5, 2) + received_at.substr(8, 2) + "-" + random_token(6);
    json meta = {{"receipt", receipt}, {"form", req.form}, {"call", call->key}, {"unit", unit}, {"received_at", received_at},
                 {"fields", values}, {"files", files}};
    meta["privacy_notice"] = rules_.privacy.version;
    const int version = store_.commit(*staging, req.form, unit, meta);
    audit["event"] = "accepted";
    audit["unit"] = unit;
    audit["version"] = version;
    audit["receipt"] = receipt;
    audit_.append(audit, false);
    store_.sync(*staging);  // the version's rename and its audit line, in one journal commit
    git_.note(req.form + " " + unit + " " + version_name(version), "submissions/" + req.form + "/" + unit + "/" + version_name(version));

    json public_files = json::array();
    for (const auto& f : files) public_files.push_back({{"name", f["original_name"]}, {"bytes", f["bytes"]}, {"sha256", f["sha256"]}});
    if (!req.wants_json) {
        IntakeReply reply{303, "text/plain; charset=utf-8", "", ""};
        reply.location = "/" + common::receipt_api(req.form, unit, version_name(version), receipt);
        return reply;
    }
    json out = {{"receipt", receipt}, {"form", req.form}, {"unit", unit}, {"version", version}, {"received_at", received_at},
                {"files", public_files}};
    return IntakeReply{201, "application/json; charset=utf-8", out.dump() + "\n", ""};
}

IntakeReply Intake::receipt_page(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt) {
    const auto not_found = [&] { return IntakeReply{404, "text/html; charset=utf-8", pages_.receipt_missing(), ""}; };
    if (!rules_.forms.count(form) || !is_valid_unit_id(unit) || version.size() != 5 || version[0] != 'v') return not_found();
    json meta;
    try {
        meta = json::parse(common::read_file(store_.root() / "submissions" / form / unit / version / "submission.json", "submission"));
    } catch (const std::exception&) {
        return not_found();
    }
    if (meta.value("receipt", "") != receipt || receipt.empty()) return not_found();
    Receipt shown{receipt, rules_.forms.at(form).title, unit_name(unit), meta.value("received_at", ""), meta.value("version", 0), {}};
    for (const auto& file : meta["files"])
        shown.files.push_back({file.value("original_name", ""), file.value("bytes", std::uint64_t{0}), file.value("sha256", "")});
    return IntakeReply{200, "text/html; charset=utf-8", pages_.receipt(shown), ""};
}

std::string Intake::unit_name(const std::string& unit) const {
    if (const auto* s = rules_.units.school(unit)) return s->name;
    if (const auto* c = rules_.units.county(unit)) return c->name;
    return unit;
}

}  // namespace collector
