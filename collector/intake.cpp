#include "collector/intake.hpp"

#include <initializer_list>
#include <memory>
#include <vector>

#include "collector/admission.hpp"
#include "collector/draft.hpp"
#include "collector/durable.hpp"
#include "collector/file_types.hpp"
#include "collector/record_commits.hpp"
#include "collector/signed_receipt.hpp"
#include "collector/upload_store.hpp"
#include "common/data_layout.hpp"
#include "common/urls.hpp"
#include "common/utf8.hpp"
#include "common/form_validation.hpp"
#include "common/text.hpp"
#include "office/pdf_check.hpp"

namespace collector {
namespace fs = std::filesystem;
using nlohmann::json;
using common::version_name;

namespace {

// Who may submit, and the rules of the call.
std::optional<Refusal> check_sender(const SiteRules& rules, const ReviewChain& chain, const common::Form& form, const common::Call& call,
                                    const std::string& unit, const Draft& draft, const Clock& clock) {
    if (clock.today_shanghai() > call.deadline)
        return Refusal{403, "deadline_passed", "", "申报截止时间为" + call.deadline + "，逾期不予受理", {}};
    const common::School* school = rules.units.school(unit);
    const common::County* county = rules.units.county(unit);
    if (form.submitted_by == "school" && !school)
        return Refusal{403, "wrong_unit_kind", "unit", "此表由学校（申报单位）填报", {}};
    if (form.submitted_by == "county" && !county)
        return Refusal{403, "wrong_unit_kind", "unit", "此表由县市区教育行政部门填报", {}};
    if (school)
        if (const auto no = chain.unfinished_pilot(call, unit)) return Refusal{403, no->code, no->field, no->message, {}};
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

}  // namespace

Intake::Intake(const SiteRules& rules, Pages& pages, SubmissionStore& store, SignIn& sign_in, ReviewChain& chain, GitCommitter& git, AuditLog& audit,
               const Clock& clock, IntakeLimits limits, const ReceiptKeys* keys, UploadStore* uploads)
    : rules_(rules), pages_(pages), store_(store), sign_in_(sign_in), chain_(chain), git_(git), audit_(audit), clock_(clock), limits_(limits),
      keys_(keys), uploads_(uploads) {}

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
    std::vector<int> pages{};  // beside files: a PDF's page count, 0 for other types
    std::vector<std::unique_ptr<UploadStore::Claim>> claims{};  // held until stored, then consumed
    // Once stored:
    std::string receipt{}, received_at{};
    int version = 0;
};

Reply Intake::receive(const IntakeRequest& req) {
    const common::FormDef* form = rules_.form(req.form);
    const common::Call* call = rules_.call_taking(req.form);
    if (!form || !call) {
        // Drain nothing: the connection is closed after the reply.
        return json_error(404, "unknown_form", "", "没有这个表单：" + req.form);
    }
    // Removed on every path but publication, exceptions included.
    const std::unique_ptr<Staging> staging = store_.stage();
    Submission s{req, form->form, *call, *staging, {{"time", clock_.now_rfc3339()}, {"form", req.form}, {"remote", req.remote_addr}}};
    const std::optional<Refusal> refusal = first_refusal({
        [&] { return read_draft(req, s.form, limits_, staging->dir(), s.draft); },
        [&] { return authorise(s); },
        [&] { return take_uploads(s); },
        [&] { return check_sender(rules_, chain_, s.form, s.call, s.unit, s.draft, clock_); },
        [&] { return validate(s); },
        [&] { return keep_files(s); },
    });
    if (refusal) return refuse(*refusal, s);
    // Stored with the chain held still: a county may be forwarding this school right now.
    std::optional<Refusal> closed;
    chain_.hold(*call, [&](const common::CallReview& review) {
        if (auto no = review.check_new_version(req.form, s.unit)) closed = Refusal{409, no->code, no->field, no->message, {}};
        else store(s);
    });
    if (closed) return refuse(*closed, s);
    for (const auto& claim : s.claims) claim->consume();
    return accept(s);
}

// The code names the unit; a `unit` sent beside it (older scripts) must be that unit.
std::optional<Refusal> Intake::authorise(Submission& s) {
    const std::string code = s.draft.field("access_code");
    if (const std::string id = lookup_id(code); !id.empty()) s.audit["code_id"] = id;
    SignInResult<std::string> unit = sign_in_.by_code(code, s.req.remote_addr);
    if (!unit.who) return unit.refusal;
    s.unit = *unit.who;
    s.audit["unit"] = s.unit;
    const std::string claimed = s.draft.field("unit");
    if (!claimed.empty() && claimed != s.unit) return Refusal{403, "unit_mismatch", "unit", "所填单位代码与访问码所属的单位不一致", {}};
    return std::nullopt;
}

// Each named upload is held for this submission and linked into its
// staging directory: the version is then assembled as for a file sent with
// the form, and the upload stays for another try if the version is refused.
std::optional<Refusal> Intake::take_uploads(Submission& s) {
    for (const auto& [field, id] : s.draft.uploads) {
        const std::string part = kUploadPartPrefix + field;
        if (!uploads_) return Refusal{422, "unknown_field", part, "表单中没有此上传项：" + part, {}};
        for (const auto& f : s.draft.files)
            if (f.field == field) return Refusal{400, "duplicate_field", field, "同一项提交了两次：" + field, {}};
        std::unique_ptr<UploadStore::Claim> claim;
        if (auto refusal = uploads_->claim(id, s.unit, s.req.form, field, claim)) {
            refusal->message = common::label_of(s.form, field) + "：" + refusal->message;
            return refusal;
        }
        const fs::path linked = s.staging.dir() / ("resumed-" + std::to_string(s.claims.size() + 1));
        fs::create_hard_link(claim->file(), linked);
        s.draft.files.push_back({field, claim->meta().name, nullptr, linked, claim->meta().length, sha256_of_file(linked)});
        s.claims.push_back(std::move(claim));
    }
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

// Each upload is opened as its type's reader would, on the staged copy,
// then named for its field and type.
std::optional<Refusal> Intake::keep_files(Submission& s) const {
    for (auto& f : s.draft.files) {
        const FileCheck check = check_upload(f.path, f.original_name);
        if (!check.ok) return Refusal{422, check.code, f.field, common::label_of(s.form, f.field) + "：" + check.message, {}};
        const std::string stored = f.field + "." + check.ext;
        fs::rename(f.path, s.staging.dir() / stored);
        s.files.push_back({f.field, stored, f.original_name, f.sha256, f.bytes});
        s.pages.push_back(check.pages);
    }
    return std::nullopt;
}

void Intake::store(Submission& s) {
    const IntakeRequest& req = s.req;
    const std::string& unit = s.unit;
    const auto received = clock_.now();
    s.received_at = rfc3339_shanghai(received);
    s.receipt = new_receipt(s.received_at);
    s.version = store_.commit(s.staging, {s.receipt, req.form, s.call.key, unit, 0, s.received_at, rules_.privacy.version, s.values, s.files,
                                          common::personal_keys(s.form, s.values), common::Sealing::none});
    s.audit["event"] = "accepted";
    s.audit["unit"] = unit;
    s.audit["version"] = s.version;
    s.audit["receipt"] = s.receipt;
    audit_.append(s.audit, false);
    store_.sync(s.staging);  // the version's rename and its audit line, in one journal commit
    git_.note(received_commit(rules_.units, {req.form, unit, s.version}, received));
}

Reply Intake::refuse(const Refusal& refusal, Submission& s) {
    s.audit["event"] = "refused";
    s.audit["code"] = refusal.code;
    audit_.append(s.audit);
    return refusal_reply(refusal, s.req.wants_json, [&] {
        std::vector<std::string> messages;
        if (refusal.all.empty()) messages.push_back(refusal.message);
        for (const auto& e : refusal.all) messages.push_back(e.message);
        return pages_.refused(messages);
    });
}

Reply Intake::busy(bool wants_json) {
    const Refusal refusal = busy_refusal();
    return refusal_reply(refusal, wants_json, [&] { return pages_.refused({refusal.message}); });
}

// A browser is sent to the receipt page; a script gets the receipt as JSON.
Reply Intake::accept(const Submission& s) const {
    if (!s.req.wants_json) return see_other("/" + common::receipt_api(s.req.form, s.unit, version_name(s.version), s.receipt));
    json public_files = json::array();
    for (std::size_t i = 0; i < s.files.size(); ++i) {
        const common::StoredFile& f = s.files[i];
        json file = {{"name", f.original_name}, {"bytes", f.bytes}, {"sha256", f.sha256}};
        if (s.pages[i] > 0) file["pages"] = s.pages[i];
        public_files.push_back(file);
    }
    json out = {{"receipt", s.receipt}, {"form", s.req.form}, {"unit", s.unit}, {"version", s.version}, {"received_at", s.received_at},
                {"files", public_files}};
    return Reply{201, "application/json; charset=utf-8", out.dump() + "\n", "", {}, {}};
}

// The stored version whose receipt this is; nothing for any other receipt.
std::optional<common::StoredVersion> Intake::receipted(const std::string& form, const std::string& unit, const std::string& version,
                                                       const std::string& receipt) const {
    const auto number = common::parse_version_name(version);
    if (!rules_.form(form) || !is_valid_unit_id(unit) || !number || receipt.empty()) return std::nullopt;
    try {
        common::StoredVersion meta = common::load_stored_version(store_.layout(), {form, unit, *number}, store_.reader_keys());
        if (meta.receipt == receipt) return meta;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

Reply Intake::receipt_page(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt) {
    const auto meta = receipted(form, unit, version, receipt);
    if (!meta) return html_reply(404, pages_.receipt_missing());
    const std::string copy = rules_.base_path + common::review_version_url(form, unit, version);
    Receipt shown{receipt, rules_.form(form)->form.title, rules_.units.name_of(unit), meta->received_at, meta->version, {}, "", "", "", "",
                  copy + common::kFilledDocx, copy + common::kFilledPdf};
    // Pages are counted again from the stored PDF, which is the checked one.
    for (const auto& file : meta->files) {
        const fs::path stored = store_.layout().upload(meta->key(), file.name);
        const int pages = common::ends_with(file.name, ".pdf") ? office::check_pdf(stored).pages : 0;
        shown.files.push_back({file.original_name, file.bytes, file.sha256, pages});
    }
    if (keys_) {
        shown.signed_url = rules_.base_path + common::signed_receipt_api(form, unit, version, receipt);
        shown.fingerprint = statement_fingerprint(receipt_statement(*meta, store_.layout(), keys_->current()));
        shown.key_id = keys_->current();
        shown.key_url = rules_.base_path + common::receipt_key_url(keys_->current());
    }
    return html_reply(200, pages_.receipt(shown));
}

Reply Intake::signed_receipt(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt) {
    const auto meta = keys_ ? receipted(form, unit, version, receipt) : std::nullopt;
    if (!meta) return html_reply(404, pages_.receipt_missing());
    Reply reply{200, "application/octet-stream", signed_receipt_file(receipt_statement(*meta, store_.layout(), keys_->current()), *keys_), "", {}, {}};
    reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"receipt-" + receipt + ".sm2\"");
    return reply;
}

}  // namespace collector
