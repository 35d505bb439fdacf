#include "generator/views.hpp"

#include <algorithm>

#include "common/form_validation.hpp"
#include "common/urls.hpp"
#include "generator/call_progress.hpp"
#include "generator/date.hpp"
#include "generator/downloads.hpp"
#include "generator/gov_views.hpp"
#include "generator/online_form_view.hpp"
#include "generator/progress_chart.hpp"

namespace gen {
namespace {

std::string or_dash(const std::string& s) { return s.empty() ? "—" : s; }

// kainjow treats an empty string as true in {{#section}}: optional text is
// set only when present, and its key is not used by any enclosing context.
void set_if(View& v, const std::string& key, const std::string& value) {
    if (!value.empty()) v.set(key, value);
}

List lines(const std::vector<std::string>& texts) {
    List out = list();
    for (const auto& t : texts) out << View("text", t);
    return out;
}

List downloads_of(const ViewContext& ctx, const std::string& page_url) {
    List out = list();
    const auto it = ctx.downloads.find(page_url);
    if (it == ctx.downloads.end()) return out;
    for (const Download& d : it->second) {
        View v;
        v.set("url", href(ctx, d.path));
        v.set("filename", d.label);
        v.set("type", d.type);
        v.set("size", human_size(d.bytes.size()));
        out << v;
    }
    return out;
}

View notice_link(const ViewContext& ctx, const Notice& n) {
    View v;
    v.set("title", n.title);
    v.set("url", href(ctx, common::notice_url(n.slug)));
    v.set("date", n.published.zh());
    v.set("date_iso", n.published.iso());
    return v;
}

View call_link(const ViewContext& ctx, const Notice& n) {
    View v = notice_link(ctx, n);
    v.set("deadline", n.deadline->zh());
    v.set("deadline_iso", n.deadline->iso());
    set_if(v, "deadline_label", n.deadline_label);
    return v;
}

// Data pages and the notices that cite them, for navigation and backlinks.
void set_data_header(const ViewContext& ctx, View& v, const std::string& url, const DataDoc& doc) {
    v.set("title", doc.title);
    v.set("heading", lines(doc.heading));
    v.set("downloads", downloads_of(ctx, url));
    List cited = list();
    if (const auto it = ctx.cited_by.find(url); it != ctx.cited_by.end()) {
        for (const Notice* n : it->second) {
            View c = notice_link(ctx, *n);
            for (const auto& a : n->attachments)
                if (a.page == url) c.set("number", std::to_string(a.number));
            cited << c;
        }
    }
    v.set("cited_by", cited);
}

View field_cell(const common::FormField& f) {
    View v;
    v.set("label", f.label);
    v.set("name", f.name);
    v.set("long", f.type == "textarea");
    v.set("required", f.required);
    return v;
}

View block_view(const common::FormBlock& b, int year) {
    View v;
    set_if(v, "block_heading", common::with_year(b.heading, year));
    set_if(v, "block_note", b.note);
    v.set("is_" + b.type, true);
    if (b.type == "fields") {
        List rows = list();
        bool paired = false;
        for (const auto& printed : common::printed_rows(b)) {
            List cells = list();
            for (const auto* f : printed) cells << field_cell(*f);
            paired = paired || printed.size() == 2;
            View row;
            row.set("cells", cells);
            const bool wide = printed.size() == 1 && (printed[0]->wide || printed[0]->type == "textarea");
            row.set("wide", wide);
            row.set("single", printed.size() == 1 && !wide);
            rows << row;
        }
        v.set("rows", rows);
        // A lone field spans the value columns of paired rows; with no paired
        // row the table has two columns and a span would point at nothing.
        v.set("paired", paired);
    } else if (b.type == "table") {
        List cols = list();
        for (const auto& c : b.fields) cols << field_cell(c);
        v.set("columns", cols);
        List blank = list();
        for (int i = 0; i < b.blank_rows; ++i) {
            List cells = list();
            for (std::size_t c = 0; c < b.fields.size(); ++c) cells << View("blank", true);
            View row;
            row.set("cells", cells);
            blank << row;
        }
        v.set("blank_rows", blank);
    } else if (b.type == "text") {
        v.set("paragraphs", lines(b.paragraphs));
    } else if (b.type == "outline") {
        List items = list();
        for (const auto& item : b.items) {
            View iv("text", item.text);
            List sub = list();
            for (const auto& s : item.items) sub << View("text", s.text);
            iv.set("has_items", !item.items.empty());
            iv.set("items", sub);
            items << iv;
        }
        v.set("items", items);
    } else if (b.type == "signatures") {
        List entries = list();
        for (const auto& e : b.entries) {
            View ev("label", e.label);
            ev.set("lines", lines(e.lines));
            entries << ev;
        }
        v.set("entries", entries);
    }
    return v;
}

}  // namespace

ViewContext make_view_context(const Site& site, const std::map<std::string, std::vector<Download>>& downloads) {
    ViewContext ctx{site, downloads, {}};
    for (const auto& n : site.notices)
        for (const auto& a : n.attachments)
            if (!a.page.empty()) ctx.cited_by[a.page].push_back(&n);
    return ctx;
}

View layout_view(const ViewContext& ctx, const PageHead& page, const std::string& content) {
    const Site& s = ctx.site;
    const std::string& url = page.url;
    View v;
    v.set("lang", s.config.language);
    v.set("site_title", s.info.site_title);
    v.set("bureau", s.info.bureau);
    v.set("host_unit", s.info.host_unit);
    v.set("page_title", page.title);
    v.set("is_home", url.empty());
    set_government_head(ctx, v, page);
    v.set("base", s.config.base_path);
    v.set("canonical", s.config.base_url + url);
    v.set("feed_url", href(ctx, "feed.xml"));
    v.set("content", content);
    List nav = list();
    auto add_nav = [&](const std::string& label, const std::string& target) {
        View item("label", label);
        item.set("url", href(ctx, target));
        item.set("current", target == url);
        nav << item;
    };
    add_nav("首页", "");
    add_nav("通知公告", "notices/");
    if (!s.topics.empty()) add_nav("选题指南", common::data_url("topics", s.topics.back().key));
    if (!s.quotas.empty()) add_nav("名额分配", common::data_url("quotas", s.quotas.back().key));
    if (!s.lists.empty()) add_nav("公布名单", common::data_url("lists", s.lists.back().key));
    add_nav("站内搜索", "search/");
    v.set("nav", nav);
    List contacts = list();
    for (const auto& c : s.info.contacts) {
        View cv("unit", c.unit);
        set_if(cv, "phone", c.phone);
        set_if(cv, "email", c.email);
        contacts << cv;
    }
    v.set("contacts", contacts);
    set_government_footer(ctx, v);
    return v;
}

View home_view(const ViewContext& ctx) {
    const Site& s = ctx.site;
    View v;
    v.set("title", s.info.site_title);
    v.set("today", s.today.zh());
    List open = list(), closed = list(), latest = list();
    for (const auto& n : s.notices) {
        if (!n.deadline) continue;
        if (n.deadline->ordinal() >= s.today.ordinal()) open << call_link(ctx, n);
        else closed << call_link(ctx, n);
    }
    for (std::size_t i = 0; i < s.notices.size() && i < 10; ++i) latest << notice_link(ctx, s.notices[i]);
    v.set("open_calls", open);
    v.set("closed_calls", closed);
    v.set("latest", latest);
    v.set("more_notices", s.notices.size() > 10);
    v.set("notices_url", href(ctx, "notices/"));
    List pages = list();
    auto add = [&](const std::string& url, const std::string& title) {
        View p("title", title);
        p.set("url", href(ctx, url));
        pages << p;
    };
    for (const auto& t : s.topics) add(common::data_url("topics", t.key), t.title);
    for (const auto& q : s.quotas) add(common::data_url("quotas", q.key), q.title);
    for (const auto& l : s.lists) add(common::data_url("lists", l.key), l.title);
    for (const auto& f : s.forms) add(common::data_url("forms", f.key), f.form.title);
    v.set("data_pages", pages);
    return v;
}

View notice_view(const ViewContext& ctx, const Notice& n, const std::string& body_html) {
    View v;
    v.set("title", n.title);
    v.set("issuer", n.issuer);
    set_if(v, "addressees", n.addressees);
    v.set("body", body_html);
    v.set("signature", n.signature);
    v.set("date", n.date.zh());
    v.set("date_iso", n.date.iso());
    v.set("meta_issuer", n.issuer);
    v.set("meta_date", n.date.zh());
    v.set("meta_published", n.published.zh());
    v.set("meta_category", or_dash(n.category));
    v.set("meta_doc_no", or_dash(n.doc_no));
    v.set("meta_index_no", or_dash(n.index_no));
    v.set("keywords", lines(n.keywords));
    if (!n.call.empty() && ctx.site.has_submissions) v.set("status_url", href(ctx, common::data_url("calls", n.call)));
    if (n.deadline) {
        v.set("deadline", n.deadline->zh());
        v.set("deadline_iso", n.deadline->iso());
        set_if(v, "deadline_label", n.deadline_label);
        v.set("call_open", n.deadline->ordinal() >= ctx.site.today.ordinal());
    }
    List atts = list();
    for (const auto& a : n.attachments) {
        View av;
        av.set("number", std::to_string(a.number));
        av.set("title", a.title);
        if (!a.page.empty()) {
            av.set("url", href(ctx, a.page));
            av.set("downloads", downloads_of(ctx, a.page));
        } else {
            av.set("url", href(ctx, a.file));
            List d = list();
            View dv("url", href(ctx, a.file));
            dv.set("type", file_type(a.file));
            if (const StaticFile* f = ctx.site.copied_file(a.file)) dv.set("size", human_size(f->size));  // none: link_site said so
            const auto dot = a.file.rfind('.');
            dv.set("filename", a.title + (dot == std::string::npos ? std::string() : a.file.substr(dot)));
            d << dv;
            av.set("downloads", d);
            av.set("is_file", true);
        }
        atts << av;
    }
    v.set("has_attachments", !n.attachments.empty());
    v.set("attachments_label", n.attachments_label);
    v.set("attachments", atts);
    set_if(v, "attachments_note", n.attachments_note);
    return v;
}

View notice_index_view(const ViewContext& ctx) {
    View v;
    v.set("title", "通知公告");
    List years = list();
    int current = -1;
    List items = list();
    auto flush = [&] {
        if (current < 0) return;
        View y("year", std::to_string(current));
        y.set("notices", items);
        years << y;
        items = list();
    };
    for (const auto& n : ctx.site.notices) {
        if (n.published.year != current) {
            flush();
            current = n.published.year;
        }
        items << notice_link(ctx, n);
    }
    flush();
    v.set("years", years);
    return v;
}

// One view per row, topic or entry of a data page, each with the anchor that
// search results lead to.
template <typename Item, typename Fill>
List anchored(const std::vector<Item>& items, const char* kind, Fill fill) {
    List out = list();
    for (std::size_t i = 0; i < items.size(); ++i) {
        View v = fill(items[i]);
        v.set("anchor", common::item_anchor(kind, i));
        out << v;
    }
    return out;
}

View quota_view(const ViewContext& ctx, const QuotaTable& q) {
    View v;
    set_data_header(ctx, v, common::data_url("quotas", q.key), q);
    v.set("unit_column", q.unit_column);
    v.set("quota_column", q.quota_column);
    v.set("rows", anchored(q.rows, "row", [](const QuotaRow& r) {
        View rv("unit", r.county_name);
        rv.set("quota", std::to_string(r.quota));
        return rv;
    }));
    v.set("total_label", q.total_label);
    v.set("total", std::to_string(q.total));
    return v;
}

View topics_view(const ViewContext& ctx, const TopicGuide& g) {
    View v;
    set_data_header(ctx, v, common::data_url("topics", g.key), g);
    v.set("topics", anchored(g.topics, "topic", [](const Topic& t) {
        View tv("number", t.number);
        tv.set("title", t.title);
        tv.set("conditions", t.conditions);
        tv.set("directions", t.directions);
        set_if(tv, "applicants", t.applicants);
        return tv;
    }));
    return v;
}

View list_view(const ViewContext& ctx, const ApprovedList& l) {
    View v;
    set_data_header(ctx, v, common::data_url("lists", l.key), l);
    v.set("unit_label", l.unit_label);
    v.set("project_label", l.project_label);
    v.set("leader_label", l.leader_label);
    v.set("entries", anchored(l.entries, "entry", [](const ListEntry& e) {
        View ev("unit", e.unit);
        ev.set("project", e.project);
        ev.set("leader", e.leader);
        return ev;
    }));
    v.set("count", std::to_string(l.entries.size()));
    if (ctx.site.has_submissions && task_book_call(ctx.site, l.key)) v.set("pilots_url", href(ctx, common::pilots_url(l.key)));
    return v;
}

View form_view(const ViewContext& ctx, const FormDef& f) {
    View v;
    set_data_header(ctx, v, common::data_url("forms", f.key), DataDoc{f.key, f.source, f.form.title, f.form.heading});
    if (ctx.site.call_taking(f.key)) v.set("fill_url", href(ctx, common::online_form_url(f.key)));
    set_if(v, "subtitle", f.form.subtitle);
    List blocks = list();
    for (const auto& b : f.form.blocks) {
        if (b.type != "per_year") {
            blocks << block_view(b, 0);
            continue;
        }
        View pv("is_per_year", true);
        List years = list();
        for (int year : b.years) {
            View yv("year", std::to_string(year));
            List inner = list();
            for (const auto& child : b.blocks) inner << block_view(child, year);
            yv.set("blocks", inner);
            years << yv;
        }
        pv.set("years", years);
        blocks << pv;
    }
    v.set("blocks", blocks);
    v.set("notes", lines(f.form.notes));
    return v;
}

View call_status_view(const ViewContext& ctx, const Call& call) {
    const Site& s = ctx.site;
    View v;
    v.set("title", call.title + "受理情况");
    for (const auto& n : s.notices)
        if (n.slug == call.notice) {
            v.set("notice_title", n.title);
            v.set("notice_url", href(ctx, common::notice_url(n.slug)));
        }
    v.set("deadline", parse_date(call.deadline)->zh());
    if (decision_of(s, call)) v.set("publicity_url", href(ctx, common::publicity_url(call.key)));
    const CallProgress p = call_progress(s, call);
    v.set("expected_label", p.expected_label);
    List rows = list();
    for (const auto& r : p.rows) {
        View row("county", r.county_name);
        row.set("expected", std::to_string(r.expected));
        row.set("received", std::to_string(r.received));
        row.set("over", r.received > r.expected);
        row.set("summary", r.summary ? std::string("已报送") : std::string("—"));
        List stages = list();
        for (common::Stage stage : common::chain_stages(call)) {
            const auto n = r.stages.find(stage);
            stages << View("count", std::to_string(n == r.stages.end() ? 0 : n->second));
        }
        row.set("stages", stages);
        rows << row;
    }
    v.set("rows", rows);
    // Counts only, by stage of the review chain: who decided and why stay internal.
    v.set("reviewed", p.reviewed);
    List stage_names = list();
    for (common::Stage stage : common::chain_stages(call)) stage_names << View("label", std::string(common::stage_label(stage)));
    v.set("stage_names", stage_names);
    v.set("has_summary_form", p.has_summary_form);
    v.set("total_expected", std::to_string(p.total_expected));
    v.set("total_received", std::to_string(p.total_received));
    set_if(v, "as_of", p.as_of.empty() ? std::string() : p.as_of.substr(0, 10) + " " + p.as_of.substr(11, 5));
    if (!p.rows.empty()) v.set("chart", progress_chart_svg(p));
    return v;
}

View publicity_view(const ViewContext& ctx, const Call& call, const common::Act& decision) {
    View v;
    v.set("title", call.title + "拟立项名单公示");
    v.set("status_url", href(ctx, common::data_url("calls", call.key)));
    v.set("starts", parse_date(decision.starts)->zh());
    v.set("ends", parse_date(decision.ends)->zh());
    v.set("objections", decision.text);
    v.set("bureau", ctx.site.info.bureau);
    v.set("decided", parse_date(decision.at.substr(0, 10))->zh());
    List rows = list();
    for (std::size_t i = 0; i < decision.proposed.size(); ++i) {
        View row("number", std::to_string(i + 1));
        row.set("unit", decision.proposed[i].unit_name);
        row.set("project", decision.proposed[i].project);
        rows << row;
    }
    v.set("rows", rows);
    v.set("has_rows", !decision.proposed.empty());
    return v;
}

View pilots_view(const ViewContext& ctx, const ApprovedList& l) {
    View v;
    v.set("title", l.title + "试点项目进展");
    v.set("list_url", href(ctx, common::data_url("lists", l.key)));
    v.set("list_title", l.title);
    v.set("listed", parse_date(l.date)->zh());
    const auto review = call_review(ctx.site, *task_book_call(ctx.site, l.key));
    List rows = list();
    int number = 0;
    for (const common::Pilot& p : review->pilots()) {
        View row("number", std::to_string(++number));
        row.set("unit", p.unit_name);
        row.set("project", p.project);
        row.set("stage", p.stage());
        rows << row;
    }
    v.set("rows", rows);
    return v;
}

View search_view(const ViewContext& ctx) {
    View v;
    v.set("title", "站内搜索");
    v.set("action", href(ctx, "search/"));
    v.set("index_url", href(ctx, common::search_index_url()));
    v.set("shards_url", href(ctx, common::search_shards_url()));
    v.set("base", ctx.site.config.base_path);
    v.set("notices_url", href(ctx, "notices/"));
    v.set("home_url", href(ctx, ""));
    v.set("sitemap_url", href(ctx, kSiteMapUrl));
    return v;
}

View not_found_view(const ViewContext& ctx) {
    View v;
    v.set("title", "页面未找到");
    v.set("home_url", href(ctx, ""));
    v.set("notices_url", href(ctx, "notices/"));
    v.set("sitemap_url", href(ctx, kSiteMapUrl));
    return v;
}

}  // namespace gen
