#include "collector/stamped_scan_page.hpp"

#include <algorithm>

#include "collector/draft.hpp"
#include "collector/file_types.hpp"
#include "collector/record_commits.hpp"
#include "collector/store_from_files.hpp"
#include "common/stamped_scan.hpp"
#include "common/urls.hpp"

namespace collector {
namespace {

// What the multipart reader may take from this page: the scan, one file.
const common::Form& scan_form() {
    static const common::Form form = [] {
        common::Form f;
        common::FormBlock block;
        block.type = "fields";
        common::FormField scan;
        scan.name = common::kStampedScanField;
        scan.label = "盖章扫描件";
        scan.type = "file";
        scan.required = true;
        block.fields.push_back(scan);
        f.blocks.push_back(block);
        return f;
    }();
    return form;
}

Refusal no(int status, const std::string& code, const std::string& field, std::string message) { return {status, code, field, std::move(message), {}, 0}; }

}  // namespace

StampedScanPage::StampedScanPage(const SiteRules& rules, ReviewChain& chain, SubmissionStore& store, GitCommitter& git, AuditLog& audit,
                                 const Clock& clock, SignedInPages& signed_in)
    : rules_(rules), chain_(chain), store_(store), git_(git), audit_(audit), clock_(clock), signed_in_(signed_in) {}

std::vector<PageRow> StampedScanPage::rows() {
    return {{"POST", common::stamped_scan_route(), {Role::school}, [this](const PageRequest& r) { return upload(r); }, true}};
}

Reply StampedScanPage::upload(const PageRequest& r) {
    const auto refuse = [&](const Refusal& refusal) { return signed_in_.refuse(r.http, &r.session, refusal); };
    const std::string& form = r.captures[0];
    const std::string& unit = r.captures[1];
    const auto number = common::parse_version_name(r.captures[2]);
    const common::Call* call = rules_.call_taking(form);
    if (unit != r.session.actor.id) return refuse(no(403, "not_your_school", "", "只能为本单位的申报材料上传盖章扫描件"));
    const common::DataLayout& layout = store_.layout();
    if (!call || !number || !std::filesystem::exists(layout.record_file(common::kSubmissionRecord, {form, unit, *number})))
        return refuse(no(404, "no_such_version", "version", "没有这一版申报材料"));
    if (call->stamped_scan == common::StampedScan::none) return refuse(no(404, "no_stamped_scan", "", "这项申报不收盖章扫描件"));
    if (clock_.today_shanghai() > call->deadline) return refuse(no(403, "deadline_passed", "", "申报截止时间为" + call->deadline + "，逾期不予受理"));

    const std::unique_ptr<Staging> staging = store_.stage();
    const IntakeRequest in{form, r.http.content_type, r.http.client, r.http.wants_json,
                           [&](const ChunkSink& sink) { return sink(r.http.body.data(), r.http.body.size()); }};
    Draft draft;
    if (auto refused = read_draft(in, scan_form(), IntakeLimits{}, staging->dir(), draft)) return refuse(*refused);
    if (draft.files.empty()) return refuse(no(422, "required", common::kStampedScanField, "请选择盖章扫描件：PDF文件，或JPG、PNG图片"));
    const UploadedFile& scan = draft.files.front();
    const FileCheck check = check_upload(scan.sink->path(), scan.original_name);
    if (!check.ok) return refuse(no(422, check.code, common::kStampedScanField, "盖章扫描件：" + check.message));
    if (check.ext != "pdf" && check.ext != "jpg" && check.ext != "png")
        return refuse(no(422, "bad_file_type", common::kStampedScanField, "盖章扫描件须为PDF文件，或JPG、PNG图片"));

    const common::VersionKey key{form, unit, *number};
    const common::StoredVersion scanned = common::load_stored_version(layout, key, store_.reader_keys());
    std::optional<Refusal> closed;
    int version = 0;
    const auto received = clock_.now();
    // With the chain held still, as the intake stores a version: no act slips in between.
    chain_.hold(*call, [&](const common::CallReview& review) {
        const std::vector<int> versions = layout.versions(common::kSubmissionRecord, form, unit);
        if (*std::max_element(versions.begin(), versions.end()) != *number) {
            closed = no(409, "not_latest", "version", "这不是本单位最新的一版申报材料，请在最新一版上传盖章扫描件");
            return;
        }
        if (const auto stop = review.check_new_version(form, unit)) {
            closed = no(409, stop->code, stop->field, stop->message);
            return;
        }
        common::StoredVersion next = scanned;
        next.received_at = rfc3339_shanghai(received);
        next.receipt = new_receipt(next.received_at);
        next.version = 0;
        next.files.clear();
        // Sealed again as the form says, under the call's key: the fields come opened.
        next.personal = common::personal_keys(rules_.form(form)->form, next.fields);
        next.sealing = common::Sealing::none;
        // An earlier scan stamps an earlier version: only this one's is kept.
        std::vector<LocalUpload> uploads;
        for (const common::StoredFile& f : scanned.files)
            if (f.field != common::kStampedScanField) uploads.push_back({f.field, f.original_name, layout.upload(key, f.name)});
        uploads.push_back({common::kStampedScanField, scan.original_name, scan.sink->path()});
        version = store_from_files(store_, next, uploads);
        audit_.append({{"time", next.received_at}, {"event", "accepted"}, {"form", form}, {"unit", unit}, {"version", version},
                       {"receipt", next.receipt}, {"stamped_scan_of", *number}, {"remote", r.http.client}});
    });
    if (closed) return refuse(*closed);
    git_.note(received_commit(rules_.units, {form, unit, version}, received));
    return see_other("/" + common::review_version_url(form, unit, common::version_name(version)));
}

}  // namespace collector
