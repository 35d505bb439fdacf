#include "generator/content_loader.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "common/files.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"
#include "generator/date.hpp"
#include "generator/digest.hpp"
#include "generator/front_matter.hpp"
#include "generator/parallel.hpp"
#include "office/document_text.hpp"

namespace gen {
namespace fs = std::filesystem;
namespace {

// Front-matter reading with positions: YAML marks are 0-based within the block.
struct FieldReader {
    const FrontMatter& fm;
    const std::string& path;

    int line_of(const YAML::Node& n) const {
        const YAML::Mark m = n.Mark();
        return m.is_null() ? fm.fields_line : m.line + fm.fields_line;
    }
    int col_of(const YAML::Node& n) const {
        const YAML::Mark m = n.Mark();
        return m.is_null() ? 1 : m.column + 1;
    }
    [[noreturn]] void fail(const YAML::Node& n, const std::string& msg) const {
        common::fail(path, line_of(n), col_of(n), msg);
    }

    // `n` is the value of `key`, or an invalid node when the key is absent.
    std::string text(const YAML::Node& n, const char* key, bool required) const {
        if (!n || n.IsNull()) {
            if (required) common::fail(path, fm.fields_line, 1, std::string("missing required front matter field \"") + key + "\"");
            return {};
        }
        if (!n.IsScalar()) fail(n, std::string("\"") + key + "\" must be text");
        return n.Scalar();
    }

    Date date(const YAML::Node& n, const char* key) const {
        const auto d = parse_date(n.Scalar());
        if (!n.IsScalar() || !d) fail(n, std::string("\"") + key + "\" must be a date YYYY-MM-DD, found \"" + n.Scalar() + "\"");
        return *d;
    }
};

const std::set<std::string> kNoticeKeys = {
    "title", "date", "issuer", "published", "category", "doc_no", "index_no", "addressees", "signature",
    "keywords", "attachments", "attachments_label", "attachments_note"};

Notice read_notice(const std::string& text, const std::string& shown, const std::string& slug) {
    if (!common::is_valid_utf8(text)) common::fail(shown, 0, 0, "file is not valid UTF-8");
    const FrontMatter fm = parse_front_matter(text, shown);
    const FieldReader r{fm, shown};
    // One pass over the map: yaml-cpp looks keys up by linear search.
    std::map<std::string, YAML::Node> fields;
    for (const auto& kv : fm.fields) {
        const std::string key = kv.first.Scalar();
        if (!kNoticeKeys.count(key)) r.fail(kv.first, "unknown front matter field \"" + key + "\"");
        fields.emplace(key, kv.second);
    }
    auto field = [&](const char* key) {
        const auto it = fields.find(key);
        return it == fields.end() ? YAML::Node(YAML::NodeType::Undefined) : it->second;
    };
    Notice n;
    n.slug = slug;
    n.source = shown;
    n.title = r.text(field("title"), "title", true);
    r.text(field("date"), "date", true);
    n.date = r.date(field("date"), "date");
    n.published = field("published") ? r.date(field("published"), "published") : n.date;
    n.issuer = r.text(field("issuer"), "issuer", false);
    n.category = r.text(field("category"), "category", false);
    n.doc_no = r.text(field("doc_no"), "doc_no", false);
    n.index_no = r.text(field("index_no"), "index_no", false);
    n.addressees = r.text(field("addressees"), "addressees", false);
    n.signature = r.text(field("signature"), "signature", false);
    n.attachments_note = r.text(field("attachments_note"), "attachments_note", false);
    if (auto label = r.text(field("attachments_label"), "attachments_label", false); !label.empty()) n.attachments_label = label;
    if (const YAML::Node kw = field("keywords")) {
        if (!kw.IsSequence()) r.fail(kw, "\"keywords\" must be a list");
        for (const auto& k : kw) {
            if (!k.IsScalar()) r.fail(k, "a keyword must be text");
            n.keywords.push_back(k.Scalar());
        }
    }
    if (const YAML::Node list = field("attachments")) {
        if (!list.IsSequence()) r.fail(list, "\"attachments\" must be a list");
        int number = 0;
        for (const auto& a : list) {
            if (!a.IsMap()) r.fail(a, "an attachment must have a title and either data or file");
            Attachment att;
            att.number = ++number;
            // "name" is the benchmark corpus' spelling; it may carry its "附件N：" prefix.
            att.title = a["title"] ? r.text(a["title"], "title", true) : r.text(a["name"], "name", false);
            if (att.title.empty()) r.fail(a, "an attachment needs a title");
            const std::string prefix = "附件" + std::to_string(number) + "：";
            if (att.title.compare(0, prefix.size(), prefix) == 0) att.title.erase(0, prefix.size());
            att.page = r.text(a["data"], "data", false);  // resolved against data/ when linking
            att.file = r.text(a["file"], "file", false);
            if (att.page.empty() == att.file.empty()) r.fail(a, "an attachment needs exactly one of \"data\" or \"file\"");
            const YAML::Node ref = att.page.empty() ? a["file"] : a["data"];
            att.line = r.line_of(ref);
            att.col = r.col_of(ref);
            n.attachments.push_back(std::move(att));
        }
    }
    n.body = fm.body;
    n.body_line = fm.body_line;
    return n;
}

bool is_markdown(const std::string& rel) { return rel.size() > 3 && common::ends_with(rel, ".md"); }

// A copied file goes out as it is: its text is checked, a document's too.
void scan_copied_file(const StaticFile& f, PersonalDataCheck& personal, common::Diagnostics& diags) {
    if (is_text_file(f.out_path)) {
        try {
            personal.scan_copied(f.shown_path, common::read_file(f.source_path, f.shown_path));
        } catch (const common::SourceError& e) {
            diags.add(e.diagnostic());
        }
        return;
    }
    const std::string ext = common::lower_extension(f.out_path);
    if (!office::has_document_text(ext)) return;
    try {
        for (const office::TextPart& part : office::document_text(f.source_path, ext)) personal.scan_document(f.shown_path, part.where, part.text);
    } catch (const std::exception& e) {
        diags.add(f.shown_path, 0, 0, std::string("cannot read its text to check it for personal data: ") + e.what());
    }
}

}  // namespace

LoadedContent load_content(const fs::path& site_root, Site& site, PersonalDataCheck& personal, common::Diagnostics& diags,
                           const ContentCache* kept) {
    const fs::path content = site_root / "content";
    const auto listing = kept && kept->listing ? kept->listing
                                               : std::make_shared<const std::vector<std::string>>(common::list_site_files(content, site_root, "content/", diags));
    const std::string content_dir = content.string() + "/";
    // While the listing holds, the notices are those the last build sorted,
    // and are loaded in its order.
    const bool in_order = kept && listing == kept->listing && !kept->notice_order.empty();
    std::vector<std::string> listed_notices;
    std::vector<bool> copy_kept;
    site.static_files.reserve(listing->size());
    // The listing is sorted, and so are the kept copies, by the same paths
    // under "content/": each is looked for where the last was found.
    std::map<std::string, unsigned long long>::const_iterator next_kept;
    if (kept) next_kept = kept->copies.begin();
    for (const std::string& rel : *listing) {
        if (is_markdown(rel)) {
            const bool in_notices = rel.compare(0, 8, "notices/") == 0 && rel.find('/', 8) == std::string::npos;
            if (!in_notices) {
                diags.add("content/" + rel, 0, 0, "Markdown pages belong in content/notices/ (no other page kinds exist)");
                continue;
            }
            if (!in_order) listed_notices.push_back(rel);
        } else {
            const std::string shown = "content/" + rel;
            site.static_files.push_back({content_dir + rel, shown, rel, 0});
            bool was_kept = false;
            if (kept) {
                while (next_kept != kept->copies.end() && next_kept->first < shown) ++next_kept;
                if (next_kept != kept->copies.end() && next_kept->first == shown) {
                    site.static_files.back().size = next_kept->second;
                    was_kept = true;
                }
            }
            copy_kept.push_back(was_kept);
        }
    }

    const std::vector<std::string>& notice_files = in_order ? kept->notice_order : listed_notices;
    // Files are read, parsed and measured on every core: thousands of small
    // reads and stats dominate loading.
    const std::size_t statics = site.static_files.size();
    // In place, and moved whole into the site unless one failed.
    std::vector<Notice> loaded(notice_files.size());
    std::vector<char> read(notice_files.size(), 0);
    parallel_for(statics + notice_files.size(), [&](std::size_t, std::size_t job) {
        if (job < statics) {
            if (copy_kept[job]) return;
            StaticFile& f = site.static_files[job];
            std::error_code ec;
            const auto size = fs::file_size(f.source_path, ec);
            f.size = ec ? 0 : size;
            scan_copied_file(f, personal, diags);
            return;
        }
        const std::size_t i = job - statics;
        const std::string& rel = notice_files[i];
        const std::string shown = "content/" + rel;
        if (kept)
            if (const auto it = kept->notices.find(shown); it != kept->notices.end()) {
                loaded[i] = it->second;
                read[i] = 1;
                return;
            }
        const std::string slug = rel.substr(8, rel.size() - 8 - 3);
        try {
            const std::string text = common::read_file(content / rel, shown);
            personal.scan_source(shown, text);
            Notice& n = loaded[i] = read_notice(text, shown, slug);
            n.source_digest = digest_of(text);
            // The file less its body: the body ends it, as parse_front_matter cut it.
            n.front_digest = digest_of(std::string_view(text).substr(0, text.size() - std::min(text.size(), n.body.size())));
            read[i] = 1;
        } catch (const common::SourceError& e) {
            diags.add(e.diagnostic());
        }
    });
    if (std::find(read.begin(), read.end(), 0) == read.end()) {
        site.notices = std::move(loaded);
    } else {
        for (std::size_t i = 0; i < loaded.size(); ++i)
            if (read[i]) site.notices.push_back(std::move(loaded[i]));
    }
    return {listing, std::move(copy_kept)};
}

}  // namespace gen
