#pragma once
// The validated model of a site: what loaders produce and views read.
// Plain data, no I/O.

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/form_schema.hpp"
#include "common/site_data.hpp"
#include "common/static_file.hpp"
#include "common/review_act.hpp"
#include "common/stored_version.hpp"
#include "generator/markdown.hpp"
#include "generator/packed_text.hpp"

namespace gen {

struct Date {
    int year = 0, month = 0, day = 0;
    std::string time;  // "HH:MM:SS+08:00" when the source gave one, else empty

    std::string iso() const;           // 2019-06-20
    std::string zh() const;            // 2019年6月20日
    std::string rfc3339() const;       // 2019-06-20T00:00:00+08:00
    std::string minute() const;        // 2019-06-20 00:00, as the PubDate meta tag wants it
    int ordinal() const { return year * 10000 + month * 100 + day; }
};

// Registration numbers a Chinese government site shows at the foot of every
// page (政府网站发展指引); each stays empty until the bureau has it.
struct SiteCodes {
    std::string site_id;        // 网站标识码, 10 letters and digits
    std::string icp;            // ICP备案编号 as printed: 湘ICP备12345678号
    std::string police;         // 公安机关备案号 as printed: 湘公网安备43060202000123号
    std::string police_record;  // its digits, which name the record on the filing site
};

struct Config {
    std::string base_url;   // as configured, ends with '/'
    std::string origin;     // scheme://host[:port]
    std::string base_path;  // path part, starts and ends with '/'
    std::string theme = "default";
    std::string language = "zh-CN";
    std::optional<Date> today;  // empty: the newest notice's date
    std::set<std::string> public_numbers;
    SiteCodes codes;
};

using common::ApprovedList;
using common::Call;
using common::County;
using common::DataDoc;
using common::ListEntry;
using common::QuotaRow;
using common::QuotaTable;
using common::School;

using common::Contact;
using common::FormDef;
using common::SiteInfo;
using common::Topic;
using common::TopicGuide;

// A generated file offered for download beside a page.
struct Download {
    std::string path;   // output path, relative to the site root
    std::string label;  // file name offered to the user
    std::string type;   // CSV, PDF, DOCX, ...
    std::string bytes;  // content (generated downloads only)
    std::string text;   // its words, for the personal data check (zipped files hide them)
};

struct Attachment {
    int number = 0;
    std::string title;
    int line = 0;       // of its data/file reference in the notice's source
    int col = 0;
    std::string page;   // URL path of its page (data attachments), relative to the root
    std::string file;   // output path of a plain file attachment
};

struct Notice {
    std::string slug, source;
    std::uint64_t source_digest = 0;  // of its file's bytes: tells the preview whether its page can stay
    std::uint64_t front_digest = 0;   // of its front matter's: whether the pages that list notices can
    std::string title, issuer, category, doc_no, index_no, addressees, signature;
    Date date, published;
    std::vector<std::string> keywords;
    std::string call;              // key of the call (data/calls/) this notice announces, if any
    std::optional<Date> deadline;  // that call's deadline
    std::string deadline_label;
    std::vector<Attachment> attachments;
    std::string attachments_label = "附件：";  // as printed: the 2019 call writes "附件:"
    std::string attachments_note;
    std::string body;  // Markdown, freed once rendered (render_notice_bodies)
    int body_line = 1; // line of the body's first line in the source file
    // The body rendered once, after loading (render_notice_bodies), or kept
    // from the preview's last build.
    bool body_rendered = false;
    // Shared with the preview's cache, so that a notice kept from the last
    // build is copied without its texts.
    std::shared_ptr<const PackedText> body_html;   // for its page alone, and released once that is rendered
    std::shared_ptr<const std::string> body_text;  // what a reader sees: the search index and the Description meta tag
    std::vector<InternalLink> body_links;
    std::set<std::string> body_destinations;  // its links to other hosts, each through a leave page

    std::string html() const { return body_html ? body_html->text() : std::string(); }
    const std::string& text() const { return body_text ? *body_text : kNoText; }

private:
    static inline const std::string kNoText;
};

using common::StaticFile;

using SubmittedFile = common::StoredFile;

// One stored version from the collector's data directory. Holds personal
// data: views publish only counts derived from it.
struct Submission : common::StoredVersion {
    std::string source;  // "<form>/<unit>/vNNNN": where the internal site shows it
};

// data/ as read, and what the generator adds to it.
struct Site : common::SiteData {
    Config config;
    std::vector<Notice> notices;  // newest first, ties by slug
    std::vector<StaticFile> static_files;  // content/'s copied files, sorted by out_path (as listed)
    bool has_submissions = false;         // a collector data directory was given
    std::vector<Submission> submissions;  // sorted by form, unit, version
    std::map<std::string, std::vector<common::Act>> acts;  // the review chain's acts, by call, in order (personal: leaders' names)
    Date today;                   // decides which calls are open
    // Every URL on another host that a page links to, sorted, each with its
    // leave page: found by the plan, before any page is rendered.
    std::vector<std::string> destinations;

    // The copied file published at `out_path`, or null.
    const StaticFile* copied_file(std::string_view out_path) const {
        const auto it = std::lower_bound(static_files.begin(), static_files.end(), out_path,
                                         [](const StaticFile& f, std::string_view p) { return f.out_path < p; });
        return it != static_files.end() && it->out_path == out_path ? &*it : nullptr;
    }
};

}  // namespace gen
