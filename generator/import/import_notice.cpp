#include "generator/import/import_notice.hpp"

#include <cstdlib>
#include <system_error>
#include <unistd.h>

#include "common/files.hpp"
#include "common/text.hpp"
#include "common/json_file.hpp"
#include "generator/build.hpp"
#include "generator/import/attachment_data.hpp"
#include "generator/import/body_markdown.hpp"
#include "generator/import/notice_file.hpp"
#include "generator/import/official_notice.hpp"
#include "generator/import/word_text.hpp"
#include "office/word_body.hpp"

namespace gen::import {

namespace fs = std::filesystem;

namespace {

bool is_slug(const std::string& s) {
    if (s.empty() || s.front() == '-') return false;
    for (const char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

// The titles of data/forms/*.json, without spaces, to find an attachment's form by.
std::map<std::string, std::string> form_titles(const fs::path& site, std::vector<common::Diagnostic>& problems) {
    std::map<std::string, std::string> out;
    for (const std::string& rel : common::list_files(site / "data" / "forms")) {
        if (!common::ends_with(rel, ".json") || rel.find('/') != std::string::npos) continue;
        try {
            const common::JsonFile f = common::load_json(site / "data" / "forms" / rel, "data/forms/" + rel);
            if (f.value.is_object() && f.value.contains("title") && f.value["title"].is_string())
                out[spaceless(f.value["title"].get<std::string>())] = "forms/" + rel;
        } catch (const common::SourceError& e) {
            problems.push_back(e.diagnostic());
        }
    }
    return out;
}

// A copy of what generator check reads, in a fresh temporary directory.
class Staging {
public:
    explicit Staging(const fs::path& site) {
        std::string pattern = (fs::temp_directory_path() / "generator-import-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary directory to check the import in");
        path_ = pattern;
        for (const char* part : {"config.json", "content", "data", "themes"})
            if (fs::exists(fs::symlink_status(site / part)))
                fs::copy(site / part, path_ / part, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    }
    ~Staging() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void write_under(const fs::path& root, const std::string& rel, const std::string& text) {
    fs::create_directories((root / rel).parent_path());
    common::write_file(root / rel, text);
}

}  // namespace

ImportResult import_notice(const ImportOptions& options) {
    ImportResult result;
    const std::string shown = options.docx.string();
    Problems problems;
    auto report = [&] {
        for (const Problem& p : problems) result.problems.push_back({shown + (p.where.empty() ? "" : ": " + p.where), 0, 0, p.reason});
        return result;
    };
    std::vector<office::WordBlock> blocks;
    try {
        blocks = office::read_word_body(options.docx);
    } catch (const std::exception& e) {
        problems.push_back({"", std::string("cannot be read as a Word file (DOCX): ") + e.what()});
        return report();
    }
    std::vector<std::string> structure;
    const OfficialNotice notice = find_official_structure(blocks, structure);
    for (const std::string& s : structure) problems.push_back({"", s});

    SiteSources site;
    site.date = notice.date;
    try {
        site.units = common::read_units(common::load_json(options.site / "data" / "units.json", "data/units.json"));
    } catch (const common::SourceError& e) {
        result.problems.push_back(e.diagnostic());
    }
    site.forms = form_titles(options.site, result.problems);

    std::vector<LinkedAttachment> links;
    std::vector<DataFile> files;
    for (std::size_t i = 0; i < notice.attachment_titles.size(); ++i) {
        const int number = static_cast<int>(i + 1);
        const std::string where = "附件" + std::to_string(number);
        const AttachmentPart* part = nullptr;
        for (const AttachmentPart& a : notice.attachments)
            if (a.number == number) part = &a;
        if (!part) {
            // Not in this file: a form data/ defines may still be linked by its title.
            const auto form = site.forms.find(spaceless(notice.attachment_titles[i]));
            if (form != site.forms.end()) links.push_back({notice.attachment_titles[i], form->second});
            else problems.push_back({where, "named in the 附件说明 but not in the document (no line \"" + where + "\" begins it)"});
            continue;
        }
        if (auto mapped = map_attachment(where, notice.attachment_titles[i], *part, site, problems)) {
            links.push_back({notice.attachment_titles[i], mapped->data});
            if (mapped->file) files.push_back(*mapped->file);
            // A form read from this file: a later attachment of its title links it, and no other takes its name.
            if (mapped->file && common::starts_with(mapped->data, "forms/")) site.forms[spaceless(notice.attachment_titles[i])] = mapped->data;
        }
    }
    for (const AttachmentPart& a : notice.attachments)
        if (a.number < 1 || static_cast<std::size_t>(a.number) > notice.attachment_titles.size())
            problems.push_back({"附件" + std::to_string(a.number), "not named in the 附件说明"});

    const std::string slug = options.slug.empty() ? options.docx.stem().string() : options.slug;
    if (!is_slug(slug)) problems.push_back({"", "\"" + slug + "\" is no slug (a-z, 0-9 and -, for the page's address): give one with --slug"});

    std::vector<std::pair<std::string, std::string>> outputs;  // site-relative path, text
    outputs.emplace_back("content/notices/" + slug + ".md", notice_file_text(notice, options.category, links, body_markdown(notice.body)));
    for (const DataFile& f : files) outputs.emplace_back("data/" + f.path, f.text);
    for (const auto& [rel, text] : outputs)
        if (fs::exists(options.site / rel) && !options.force) problems.push_back({"", rel + " exists already: --force replaces it"});

    const bool stop = !result.problems.empty() || (!problems.empty() && !options.force);
    report();
    if (stop) return result;

    // The site with the new files must pass generator check before any is written.
    try {
        const Staging staging(options.site);
        for (const auto& [rel, text] : outputs) write_under(staging.path(), rel, text);
        BuildOptions check;
        check.site = staging.path();
        check.write = false;
        const BuildResult checked = build_site(check);
        if (!checked.errors.empty()) {
            result.problems.insert(result.problems.end(), checked.errors.begin(), checked.errors.end());
            result.problems.push_back({shown, 0, 0, "the site with the imported notice fails generator check (above): nothing was written"});
            return result;
        }
    } catch (const std::exception& e) {
        result.problems.push_back({shown, 0, 0, std::string("cannot check the import: ") + e.what()});
        return result;
    }
    for (const auto& [rel, text] : outputs) {
        write_under(options.site, rel, text);
        result.written.push_back(rel);
    }
    return result;
}

}  // namespace gen::import
