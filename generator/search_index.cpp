#include "generator/search_index.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "common/form_schema.hpp"
#include "common/urls.hpp"
#include "common/utf8.hpp"
#include "generator/downloads.hpp"
#include "generator/search_postings.hpp"
#include "generator/search_tokens.hpp"

namespace gen {
namespace {

// Long enough for a sentence or two around the start; the client shows it as is.
constexpr std::size_t kExcerptChars = 120;

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
}

SearchDocument document(std::string kind, std::string title, std::string url, std::string date, std::string_view excerpt, std::string text) {
    return SearchDocument{std::move(kind), std::move(title), std::move(url), std::move(date),
                          collapsed_prefix(excerpt, kExcerptChars), std::move(text), {}};
}

void add_notices(std::vector<SearchDocument>& out, const Site& site) {
    for (const Notice& n : site.notices) {
        SearchDocument d = document("notice", n.title, common::notice_url(n.slug), n.published.iso(), n.text(), "");
        d.parts = {n.doc_no, n.addressees, n.text()};
        for (const auto& a : n.attachments) d.parts.push_back(a.title);
        for (const auto& k : n.keywords) d.parts.push_back(k);
        out.push_back(std::move(d));
    }
}

void add_data_pages(std::vector<SearchDocument>& out, const Site& site) {
    for (const auto& g : site.topics) {
        const std::string url = common::data_url("topics", g.key), date = citing_date(site, url);
        std::vector<std::string> numbered;
        for (const auto& t : g.topics) numbered.push_back(t.number + "、" + t.title);
        out.push_back(document("guide", g.title, url, date, joined(numbered), joined(g.heading)));
        for (std::size_t i = 0; i < g.topics.size(); ++i) {
            const Topic& t = g.topics[i];
            out.push_back(document("topic", numbered[i], url + "#" + common::item_anchor("topic", i), date, "试点方向：" + t.directions,
                                   joined({t.conditions, t.directions, t.applicants})));
        }
    }
    for (const auto& q : site.quotas) {
        const std::string url = common::data_url("quotas", q.key), date = citing_date(site, url);
        out.push_back(document("quota", q.title, url, date, q.unit_column + "、" + q.quota_column + "，" + q.total_label + std::to_string(q.total),
                               joined(q.heading)));
        for (std::size_t i = 0; i < q.rows.size(); ++i) {
            const QuotaRow& r = q.rows[i];
            out.push_back(document("county", r.county_name, url + "#" + common::item_anchor("row", i), date,
                                   q.quota_column + "：" + std::to_string(r.quota) + "（" + q.title + "）", ""));
        }
    }
    for (const auto& l : site.lists) {
        const std::string url = common::data_url("lists", l.key), date = citing_date(site, url);
        out.push_back(document("list", l.title, url, date, "共" + std::to_string(l.entries.size()) + "个单位", joined(l.heading)));
        // Units and projects only: the 项目负责人 column names people.
        for (std::size_t i = 0; i < l.entries.size(); ++i) {
            const ListEntry& e = l.entries[i];
            out.push_back(document("unit", e.unit, url + "#" + common::item_anchor("entry", i), date,
                                   l.project_label + "：" + e.project + "（" + l.title + "）", e.project));
        }
    }
}

// The printed words of a form: headings, labels, paragraphs, outline and notes.
// A per-year block is printed once for each of its years.
void form_words(const std::vector<common::FormBlock>& blocks, int year, std::vector<std::string>& out) {
    for (const auto& b : blocks) {
        out.push_back(common::with_year(b.heading, year));
        for (const auto& f : b.fields) out.push_back(f.label);
        for (const auto& p : b.paragraphs) out.push_back(p);
        for (const auto& item : b.items) {
            out.push_back(item.text);
            for (const auto& sub : item.items) out.push_back(sub.text);
        }
        for (const auto& e : b.entries) out.push_back(e.label);
        out.push_back(b.note);
        for (int y : b.years) form_words(b.blocks, y, out);
    }
}

void add_forms(std::vector<SearchDocument>& out, const Site& site) {
    for (const auto& f : site.forms) {
        const std::string url = common::data_url("forms", f.key);
        std::vector<std::string> words = {f.form.subtitle};
        form_words(f.form.blocks, 0, words);
        for (const auto& n : f.form.notes) words.push_back(n);
        words.erase(std::remove(words.begin(), words.end(), std::string()), words.end());
        const std::string text = joined(words);
        out.push_back(document("form", f.form.title, url, citing_date(site, url), text, text));
    }
}

void add_files(std::vector<SearchDocument>& out, const Site& site, const std::map<std::string, std::vector<Download>>& downloads) {
    std::map<std::string, std::string> page_titles;
    for (const auto& d : out)
        if (d.kind == "quota" || d.kind == "list" || d.kind == "form" || d.kind == "guide") page_titles[d.url] = d.title;
    for (const auto& [page, files] : downloads) {
        const std::string date = citing_date(site, page);
        const std::string title = page_titles.count(page) ? page_titles.at(page) : std::string();
        for (const Download& d : files)
            out.push_back(document("file", d.label, d.path, date, d.type + "，" + human_size(d.bytes.size()) + "，" + title, d.type + " " + title));
    }
    // A file attached to several notices is listed once, under its first title.
    // Its type is indexed too: "docx" finds every Word file.
    std::set<std::string> seen;
    std::map<std::string, unsigned long long> sizes;
    for (const auto& f : site.static_files) sizes[f.out_path] = f.size;
    for (const auto& n : site.notices) {
        for (const auto& a : n.attachments) {
            if (a.file.empty() || !seen.insert(a.file).second) continue;
            const std::string size = sizes.count(a.file) ? "，" + human_size(sizes.at(a.file)) : std::string();
            const std::string type = file_type(a.file);
            out.push_back(document("file", a.title, a.file, n.published.iso(),
                                   type + size + "，《" + n.title + "》附件" + std::to_string(a.number), type + " " + n.title));
        }
    }
}

}  // namespace

std::vector<SearchDocument> search_documents(const Site& site, const std::map<std::string, std::vector<Download>>& downloads) {
    std::vector<SearchDocument> out;
    add_notices(out, site);
    add_data_pages(out, site);
    add_forms(out, site);
    add_files(out, site, downloads);
    return out;
}

const std::map<std::string, std::string>& search_kind_labels() {
    static const std::map<std::string, std::string> labels = {
        {"notice", "通知公告"}, {"guide", "选题指南"}, {"topic", "试点选题"},  {"quota", "名额分配表"}, {"county", "名额分配"},
        {"list", "公布名单"},   {"unit", "名单单位"},  {"form", "表格"},      {"file", "附件"}};
    return labels;
}

namespace {

// nlohmann's compact dump of a string, appended where it goes: a JSON tree of
// every document cost more than the file itself. Valid UTF-8 needs only the
// ASCII escapes below; anything else goes to nlohmann, which refuses it as
// it always did.
void append_json_string(std::string& out, std::string_view s) {
    if (!common::is_valid_utf8(s)) {
        out += nlohmann::json(std::string(s)).dump();  // throws, as before
        return;
    }
    static const char* const hex = "0123456789abcdef";
    out += '"';
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        switch (b) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (b < 0x20) {
                    out += "\\u00";
                    out += hex[b >> 4];
                    out += hex[b & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

// Pieces of about this size are handed on as they fill.
constexpr std::size_t kPieceBytes = 1 << 16;

}  // namespace

// The same bytes as {"docs": [...], "kinds": {...}} dumped by nlohmann (keys
// sorted), then the postings. Each piece ends after a closing bracket.
void search_index_json(const std::vector<SearchDocument>& docs, const SearchPostings& postings,
                       const std::function<void(std::string_view)>& write) {
    std::string out = "{\"docs\":[";
    const auto piece_done = [&] {
        if (out.size() < kPieceBytes) return;
        write(out);
        out.clear();
    };
    for (const auto& d : docs) {
        if (&d != docs.data()) out += ',';
        out += '[';
        for (const std::string* field : {&d.kind, &d.title, &d.url, &d.date, &d.excerpt}) {
            if (field != &d.kind) out += ',';
            append_json_string(out, *field);
        }
        out += ']';
        piece_done();
    }
    out += "],\"kinds\":";
    out += nlohmann::json(search_kind_labels()).dump();
    out += ",\"postings\":{";
    bool first_key = true;
    for (const auto* p : sorted_postings(postings)) {
        // Tokens are Han characters, a-z and 0-9 only: nothing to escape.
        out += first_key ? "\"" : ",\"";
        out += p->first;
        out += "\":";
        first_key = false;
        append_gaps(out, p->second);
        piece_done();
    }
    out += "}}\n";
    write(out);
}

}  // namespace gen
