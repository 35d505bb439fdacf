#include "generator/link_site.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "common/urls.hpp"
#include "generator/date.hpp"

namespace gen {

namespace {

// A call makes its notice a call for submissions: the notice shows the
// deadline that the collector enforces, from one definition.
void link_calls(Site& site, common::Diagnostics& diags) {
    std::set<std::string_view> named;  // few: one notice a call
    for (const Call& call : site.calls) named.insert(call.notice);
    std::map<std::string_view, Notice*> by_slug;
    for (auto& n : site.notices)
        if (named.count(n.slug)) by_slug[n.slug] = &n;
    for (const Call& call : site.calls) {
        const auto it = by_slug.find(call.notice);
        if (it == by_slug.end()) {
            diags.add(call.source, 0, 0, "call names notice \"" + call.notice + "\", but there is no content/notices/" + call.notice + ".md");
            continue;
        }
        Notice& n = *it->second;
        if (n.deadline) {
            diags.add(call.source, 0, 0, "notice \"" + call.notice + "\" already announces another call");
            continue;
        }
        n.call = call.key;
        n.deadline = parse_date(call.deadline);
        n.deadline_label = call.deadline_label;
        for (const std::string& form : call.forms) {
            const bool known = std::any_of(site.forms.begin(), site.forms.end(), [&](const FormDef& f) { return f.key == form; });
            if (!known) diags.add(call.source, 0, 0, "call names form \"" + form + "\", but there is no data/forms/" + form + ".json");
        }
        // Its forms go online, and online forms ask for personal data only after the notice.
        if (!call.forms.empty() && site.privacy.version.empty())
            diags.add(call.source, 0, 0, "call takes forms online, but there is no data/privacy.json (version, title, paragraphs) to show first");
        if (!call.quota.empty() && std::none_of(site.quotas.begin(), site.quotas.end(), [&](const QuotaTable& q) { return q.key == call.quota; }))
            diags.add(call.source, 0, 0, "call names quota table \"" + call.quota + "\", but there is no data/quotas/" + call.quota + ".json");
        if (!call.list.empty() && std::none_of(site.lists.begin(), site.lists.end(), [&](const ApprovedList& l) { return l.key == call.list; }))
            diags.add(call.source, 0, 0, "call names list \"" + call.list + "\", but there is no data/lists/" + call.list + ".json");
    }
}

// Sorted by compact keys, then moved once each: a notice is too large to
// move about, or to reach for at each comparison, as a sort would.
void sort_newest_first(std::vector<Notice>& notices) {
    struct Key {
        int day;
        std::string_view time, slug;
        std::size_t index;
    };
    std::vector<Key> keys;
    keys.reserve(notices.size());
    for (std::size_t i = 0; i < notices.size(); ++i) keys.push_back({notices[i].published.ordinal(), notices[i].published.time, notices[i].slug, i});
    const auto newer = [](const Key& a, const Key& b) {
        if (a.day != b.day) return a.day > b.day;
        if (a.time != b.time) return a.time > b.time;
        return a.slug < b.slug;
    };
    if (std::is_sorted(keys.begin(), keys.end(), newer)) return;  // the preview's, loaded in the last build's order
    std::sort(keys.begin(), keys.end(), newer);
    std::vector<Notice> sorted;
    sorted.reserve(notices.size());
    for (const Key& k : keys) sorted.push_back(std::move(notices[k.index]));
    notices = std::move(sorted);
}

}  // namespace

void link_site(Site& site, common::Diagnostics& diags) {
    sort_newest_first(site.notices);

    std::map<std::string, std::string> data_pages;  // "quotas/2019.json" -> URL
    for (const auto& q : site.quotas) data_pages["quotas/" + q.key + ".json"] = common::data_url("quotas", q.key);
    for (const auto& t : site.topics) data_pages["topics/" + t.key + ".json"] = common::data_url("topics", t.key);
    for (const auto& l : site.lists) data_pages["lists/" + l.key + ".json"] = common::data_url("lists", l.key);
    for (const auto& f : site.forms) data_pages["forms/" + f.key + ".json"] = common::data_url("forms", f.key);

    for (auto& n : site.notices) {
        if (n.issuer.empty()) n.issuer = site.info.bureau;
        if (n.signature.empty()) n.signature = n.issuer;
        for (auto& a : n.attachments) {
            if (!a.page.empty()) {
                const auto it = data_pages.find(a.page);
                if (it == data_pages.end()) {
                    diags.add(n.source, a.line, a.col, "attachment \"" + a.title + "\" refers to data/" + a.page + ", which does not exist");
                    continue;
                }
                a.page = it->second;
            } else {
                std::string path = a.file;
                if (!path.empty() && path[0] == '/') path.erase(0, 1);
                if (!site.copied_file(path)) {
                    diags.add(n.source, a.line, a.col, "attachment file " + a.file + " does not exist (looked for content/" + path + ")");
                    continue;
                }
                a.file = path;
            }
        }
    }

    link_calls(site, diags);

    if (site.config.today) {
        site.today = *site.config.today;
    } else if (!site.notices.empty()) {
        site.today = site.notices.front().published;
        site.today.time.clear();
    }
}

}  // namespace gen
