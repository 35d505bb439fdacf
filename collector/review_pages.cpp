#include "collector/review_pages.hpp"

#include "collector/expert_pages.hpp"
#include "collector/expert_views.hpp"
#include "collector/review_acts.hpp"
#include "common/task_book.hpp"
#include "common/text.hpp"
#include "common/urls.hpp"
#include "office/form_document.hpp"

namespace collector {
namespace {

using kainjow::mustache::data;

std::string media_type(const std::string& name) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {".pdf", "application/pdf"},
        {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {".doc", "application/msword"},
        {".wps", "application/vnd.ms-works"},
        {".odt", "application/vnd.oasis.opendocument.text"},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {".jpg", "image/jpeg"},
        {".png", "image/png"},
    };
    for (const auto& [ext, type] : kTypes)
        if (common::ends_with(name, ext)) return type;
    return "application/octet-stream";
}

// RFC 5987: the sender's own file name, whatever its characters.
std::string disposition(bool download, const std::string& original_name) {
    static const char* hex = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : original_name) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') encoded += static_cast<char>(c);
        else encoded += std::string("%") + hex[c >> 4] + hex[c & 15];
    }
    return std::string(download ? "attachment" : "inline") + "; filename*=UTF-8''" + encoded;
}

}  // namespace

// How each refusal of the chain answers: the codes are the chain's (docs/records.md).
Refusal refusal_of(const common::ChainRefusal& no) {
    const std::string& code = no.code;
    int status = 409;
    if (code == "no_such_version" || code == "no_such_call" || code == "not_a_pilot") status = 404;
    if (code == "wrong_role" || code == "not_your_school" || code == "not_your_pilot" || code == "no_county_stage" || code == "not_assigned") status = 403;
    if (code == "required" || code.rfind("bad_", 0) == 0 || code == "too_long" || code == "above_maximum") status = 422;
    return {status, code, no.field, no.message, {}};
}

Viewer viewer_of(const Session& session, const std::string& base) {
    return {{role_key(session.actor.role), session.actor.id, session.actor.name}, base};
}

Reply stored_file_reply(const std::filesystem::path& path, const std::string& name, bool download, const std::string& shown_name) {
    Reply reply{200, media_type(name), "", "", {}, path};
    reply.headers.emplace_back("Content-Disposition", disposition(download, shown_name));
    return reply;
}

struct ReviewPages::Found {
    const common::Call* call;
    common::StoredVersion record;
    std::optional<common::StoredVersion> previous;
};

ReviewPages::ReviewPages(const SiteRules& rules, ReviewChain& chain, SubmissionStore& store, Pages& pages, SignedInPages& signed_in,
                         const StaffAccounts& staff)
    : rules_(rules), chain_(chain), store_(store), pages_(pages), signed_in_(signed_in), staff_(staff) {}

std::vector<PageRow> ReviewPages::rows() {
    return {
        {"GET", common::review_call_route(), kEveryRole, [this](const PageRequest& r) { return desk(r); }},
        {"POST", common::review_call_route(), {Role::county, Role::city}, [this](const PageRequest& r) { return call_act(r); }},
        {"GET", common::review_version_route(), kEveryRole, [this](const PageRequest& r) { return version(r); }},
        {"POST", common::review_version_route(), {Role::county, Role::city}, [this](const PageRequest& r) { return act(r); }},
        {"GET", common::review_file_route(), kEveryRole, [this](const PageRequest& r) { return file(r, false); }},
        {"GET", common::review_download_route(), kEveryRole, [this](const PageRequest& r) { return file(r, true); }},
        {"GET", common::review_filled_route(common::kFilledDocx), kEveryRole, [this](const PageRequest& r) { return filled(r, common::kFilledDocx); }},
        {"GET", common::review_filled_route(common::kFilledXlsx), kEveryRole, [this](const PageRequest& r) { return filled(r, common::kFilledXlsx); }},
        {"GET", common::review_filled_route(common::kFilledPdf), kEveryRole, [this](const PageRequest& r) { return filled(r, common::kFilledPdf); }},
    };
}

Reply ReviewPages::desk(const PageRequest& r) {
    const common::Call* call = rules_.call(r.captures[0]);
    if (!call) return signed_in_.refuse(r.http, &r.session, {404, "no_such_call", "", "没有这项申报", {}});
    const auto review = chain_.review(*call);
    const Viewer viewer = viewer_of(r.session, rules_.base_path);
    data view = r.session.actor.role == Role::expert ? assignments_view(viewer, rules_, *review) : desk_view(viewer, rules_, *review, store_.layout());
    view.set("role_" + viewer.actor.role, true);
    // Typed before a sign-in on expiry: shown again, never sent.
    for (const auto& [name, value] : r.refill.pairs) view.set("refill_" + name, value);
    return html_reply(200, pages_.signed_in(r.session, call->title, "review_desk", view));
}

Reply ReviewPages::call_act(const PageRequest& r) {
    const common::Call* call = rules_.call(r.captures[0]);
    if (!call) return signed_in_.refuse(r.http, &r.session, {404, "no_such_call", "", "没有这项申报", {}});
    // A county forwards its 申报汇总表 here; city staff decide 立项 for the call.
    const Viewer viewer = viewer_of(r.session, rules_.base_path);
    const std::string act = r.form.get("act");
    const bool objection = act == common::act_name(common::ActKind::object) || act == common::act_name(common::ActKind::settle);
    const ActOutcome out = r.session.actor.role != Role::city ? forward_summary(chain_, store_, rules_, viewer, *call, r.form)
                           : objection                        ? take_objection_act(chain_, viewer, *call, r.form)
                                                              : decide_call(chain_, store_, rules_, viewer, *call, r.form);
    if (out.refusal) return signed_in_.refuse(r.http, &r.session, refusal_of(*out.refusal));
    return see_other("/" + out.next);
}

std::variant<ReviewPages::Found, Refusal> ReviewPages::find_version(const PageRequest& r) {
    const Refusal missing{404, "no_such_version", "version", "没有这一版申报材料", {}};
    const auto number = common::parse_version_name(r.captures[2]);
    const common::Call* call = rules_.call_taking(r.captures[0]);
    if (!number || !call) return missing;
    // Refused before anything is read, so that a refusal says nothing of what exists.
    if (!may_read(viewer_of(r.session, rules_.base_path), r.captures[1], rules_))
        return Refusal{403, "not_your_school", "", "您无权查看这个单位的申报材料", {}};
    const common::VersionKey key{r.captures[0], r.captures[1], *number};
    const common::DataLayout& layout = store_.layout();
    if (!std::filesystem::exists(layout.record_file(common::kSubmissionRecord, key))) return missing;
    Found found{call, common::load_stored_version(layout, key, store_.reader_keys()), std::nullopt};
    int previous = 0;
    for (int v : layout.versions(common::kSubmissionRecord, key.form, key.unit)) previous = v < key.version ? v : previous;
    if (previous > 0)
        found.previous = common::load_stored_version(layout, {key.form, key.unit, previous}, store_.reader_keys());
    return found;
}

Reply ReviewPages::version(const PageRequest& r) {
    auto found = find_version(r);
    if (const auto* no = std::get_if<Refusal>(&found)) return signed_in_.refuse(r.http, &r.session, *no);
    const Found& f = std::get<Found>(found);
    const auto review = chain_.review(*f.call);
    const Viewer viewer = viewer_of(r.session, rules_.base_path);
    data view = version_view(viewer, rules_, *review, f.record, f.previous ? &*f.previous : nullptr);
    if (const common::VersionState* state = review->state(f.record.key()); state && r.session.actor.role == Role::city)
        add_expert_panel(view, viewer, rules_, *review, *state, expert_directory(staff_));
    for (const auto& [name, value] : r.refill.pairs) {
        if (name == "text") view.set("opinion_text", value);
        if (name == "leader") view.set("opinion_leader", value);
    }
    const std::string title = view.get("title") ? view.get("title")->string_value() : f.record.form;
    return html_reply(200, pages_.signed_in(r.session, title, "review_version", view));
}

Reply ReviewPages::act(const PageRequest& r) {
    auto found = find_version(r);
    if (const auto* no = std::get_if<Refusal>(&found)) return signed_in_.refuse(r.http, &r.session, *no);
    // Always the page's own version: the form names none.
    const Found& f = std::get<Found>(found);
    const auto experts = [this](const std::string& login) -> std::optional<common::Expert> {
        for (const common::Expert& e : expert_directory(staff_))
            if (e.login == login) return e;
        return std::nullopt;
    };
    const ActOutcome out = take_version_act(chain_, rules_, viewer_of(r.session, rules_.base_path), *f.call, f.record.key(), r.form, experts);
    if (out.refusal) return signed_in_.refuse(r.http, &r.session, refusal_of(*out.refusal));
    return see_other("/" + out.next);
}

Reply ReviewPages::file(const PageRequest& r, bool download) {
    auto found = find_version(r);
    if (const auto* no = std::get_if<Refusal>(&found)) return signed_in_.refuse(r.http, &r.session, *no);
    const Found& f = std::get<Found>(found);
    for (const common::StoredFile& stored : f.record.files) {
        if (stored.name != r.captures[3]) continue;
        return stored_file_reply(store_.layout().upload(f.record.key(), stored.name), stored.name, download, stored.original_name);
    }
    return signed_in_.refuse(r.http, &r.session, {404, "no_such_file", "", "没有这个附件", {}});
}

// The same office code as the public site's blank forms and the offline
// archive, so that the county's 申报汇总表 prints as the form it replaces,
// and a school's copy to stamp is its form as the site gave it out.
Reply ReviewPages::filled(const PageRequest& r, const char* name) {
    auto found = find_version(r);
    if (const auto* no = std::get_if<Refusal>(&found)) return signed_in_.refuse(r.http, &r.session, *no);
    const Found& f = std::get<Found>(found);
    const common::FormDef* form = rules_.form(f.record.form);
    const bool sheet = name == std::string(common::kFilledXlsx);
    if (!form || (sheet && !office::is_table_form(form->form)))
        return signed_in_.refuse(r.http, &r.session, {404, "no_such_file", "", "这份表格没有电子表格版本", {}});
    const std::string date = f.record.received_at.substr(0, 10);
    common::FormValues values = f.record.fields;
    if (f.call->task_books()) {
        const auto review = chain_.review(*f.call);
        if (const common::VersionState* state = review->state(f.record.key()))
            common::add_signatures(values, common::task_book_signatures(rules_, *state, f.record.received_at));
    }
    const std::string stem = form->form.title + "（" + rules_.units.name_of(f.record.unit) + " 第" + std::to_string(f.record.version) + "版）";
    const office::CopyMark mark{f.record.receipt, f.record.version, minute(f.record.received_at)};
    const std::string ext = std::string(name).substr(std::string(name).rfind('.'));
    const std::string bytes = sheet ? office::filled_xlsx(form->form, rules_.info.bureau, date, values)
                              : ext == ".pdf" ? office::filled_pdf(form->form, rules_.info.bureau, date, values, mark)
                                              : office::filled_docx(form->form, rules_.info.bureau, date, values, &mark);
    Reply reply{200, media_type(ext), bytes, "", {}, {}};
    reply.headers.emplace_back("Content-Disposition", disposition(true, stem + ext));
    return reply;
}

data desk_links(const SiteRules& rules, const std::string& base) {
    data links{data::type::list};
    for (const auto& c : rules.calls) {
        data link("title", c.title);
        link.set("url", base + common::review_call_url(c.key));
        links.push_back(link);
    }
    return links;
}

}  // namespace collector
