#include "generator/build.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

#include "common/data_loader.hpp"
#include "common/files.hpp"
#include "common/theme.hpp"
#include "common/urls.hpp"
#include "generator/content_loader.hpp"
#include "generator/date.hpp"
#include "generator/digest.hpp"
#include "generator/downloads.hpp"
#include "generator/feed.hpp"
#include "generator/leave_links.hpp"
#include "generator/link_site.hpp"
#include "generator/markdown.hpp"
#include "generator/notice_bodies.hpp"
#include "generator/output_plan.hpp"
#include "generator/page_kinds.hpp"
#include "generator/parallel.hpp"
#include "generator/personal_check.hpp"
#include "generator/publisher.hpp"
#include "generator/review/internal_site.hpp"
#include "generator/review/internal_views.hpp"
#include "generator/review/submissions_loader.hpp"
#include "generator/search_index.hpp"
#include "generator/search_postings.hpp"
#include "generator/search_shards.hpp"
#include "generator/search_tokens.hpp"
#include "generator/site_config.hpp"
#include "generator/sitemap.hpp"
#include "generator/views.hpp"
#include "generator/writer.hpp"

namespace gen {
namespace fs = std::filesystem;
using common::Templates;
namespace {

// A notice's Description meta tag: the start of its body, as search results show it.
constexpr std::size_t kDescriptionChars = 100;

// Wall time of each step, for --timings.
class PhaseClock {
public:
    explicit PhaseClock(BuildResult& r) : result_(r), last_(std::chrono::steady_clock::now()) {}
    void mark(const char* phase) {
        const auto now = std::chrono::steady_clock::now();
        result_.phases.emplace_back(phase, std::chrono::duration<double>(now - last_).count());
        last_ = now;
    }

private:
    BuildResult& result_;
    std::chrono::steady_clock::time_point last_;
};

class Progress {
public:
    Progress(bool enabled, std::size_t total) : enabled_(enabled && ::isatty(STDERR_FILENO)), total_(total) {}
    void tick() {
        if (!enabled_) return;
        const std::size_t done = ++done_;
        if (done % 500 != 0 && done != total_) return;
        std::lock_guard<std::mutex> lock(mutex_);
        std::fprintf(stderr, "\rrendering pages: %zu/%zu", done, total_);
        if (done == total_) std::fputc('\n', stderr);
    }

private:
    bool enabled_;
    std::size_t total_;
    std::atomic<std::size_t> done_{0};
    std::mutex mutex_;
};

// Why the options cannot work, or empty.
std::string options_problem(const BuildOptions& o, const fs::path& out_dir) {
    if (o.internal.empty()) return "";
    if (o.submissions.empty()) return "--internal needs --submissions (the collector's data directory)";
    if (common::is_within(o.internal, out_dir) || common::is_within(out_dir, o.internal))
        return "the internal review site holds personal data and must not be inside the public output (or hold it)";
    return "";
}

// One build's state, phase by phase: each phase reads what the ones before it made.
class Build {
public:
    Build(const BuildOptions& o, const PageKinds& kinds, BuildResult& result, BuildState* state)
        : o_(o), kinds_(kinds), result_(result), out_dir_(o.out.empty() ? o.site / "public" : o.out), clock_(result),
          personal_(site_.config.public_numbers, diags_), plan_(diags_), state_(state) {}

    // The site's config and the command line; false when they cannot work (in result.errors).
    bool configure();
    // Theme, data, content and submissions into the model.
    void load();
    // The model's cross references, each notice's Markdown, the downloads.
    void link();
    // Every output path before anything is rendered, the leave pages among
    // them; notices' links checked against it.
    void plan();
    // Pages rendered and published with the copies.
    void render();
    // Downloads, feed and sitemap.
    void publish_files();
    void publish_listing_file(const std::string& path, const std::function<std::string()>& make);
    bool kept_as_made(const std::string& key, std::uint64_t made_from, const std::string& path);
    // Updating in place: what is written so far shown, if it has no errors.
    void publish_pages_early();
    void publish_search_index();
    void write_internal_site();
    // The output replaced, if nothing went wrong.
    void commit();
    void fail(const std::exception& e);
    // The state the next build starts from, once this one has succeeded.
    void keep_state();
    void count();

private:
    std::vector<std::string> leave_destinations();
    std::string chrome();
    // `compiled`: this thread's templates, compiled for its first page rendered.
    void render_page(std::unique_ptr<Templates>& compiled, const PageJob& job, std::uint64_t made_from);
    void release_body_html(const Notice& rendered);
    // A file of content/ kept from the last build, unchanged since: its copy stays.
    bool copy_unchanged(std::size_t index, const StaticFile& f) {
        return index < loaded_.kept_copies.size() && loaded_.kept_copies[index] && publisher_->keep(f.out_path);
    }
    std::uint64_t loading_settings() const;
    template <typename Fn>
    void each_planned(Fn&& planned) const;
    std::uint64_t site_wide_digest() const;
    std::uint64_t layout_digest() const;
    std::set<std::string> layout_destinations();
    void digest_pages();

    const BuildOptions& o_;
    const PageKinds& kinds_;
    BuildResult& result_;
    const fs::path out_dir_;
    PhaseClock clock_;
    common::Diagnostics diags_;
    Site site_;
    PersonalDataCheck personal_;
    common::ThemeSource theme_;
    std::map<std::string, std::vector<Download>> downloads_;
    std::optional<ViewContext> ctx_;
    OutputPlan plan_;
    std::vector<PageJob> jobs_;
    std::optional<Writer> writer_, internal_;
    std::optional<Publisher> publisher_;

    // Updating in place (the preview): what the last build kept, and what
    // this one read afresh, to keep for the next.
    BuildState* state_;
    std::vector<std::pair<std::string, std::string>> data_texts_;
    std::map<std::string, Notice> fresh_notices_;  // by source, as loaded, then with its body rendered
    LoadedContent loaded_;
    std::atomic<std::size_t> rendered_{0};
    KeptDestinations layout_destinations_;  // made by this build, for the next
    std::uint64_t plan_made_from_ = 0;      // a digest of each_planned()'s additions
    std::vector<std::string> planned_later_;  // the shards' paths, added to the plan once known
    std::size_t files_ = 0;                 // planned in all
    std::uint64_t planned_paths_ = 0;      // the plan's paths_digest() when the links were checked
    std::uint64_t listing_made_from_ = 0;  // what the pages listing notices are made from; 0: make them anyway
    std::vector<std::string> listing_files_;  // files made from that too: the feed, the sitemap
    std::uint64_t layout_digest_ = 0;       // layout_digest(), once per build
    std::vector<std::uint64_t> made_from_;  // per job: a digest of what its page is made from, 0 to render it anyway
};

bool Build::configure() {
    try {
        site_.config = load_config(o_.site, o_.base_url);
        if (!o_.today.empty()) {
            const auto d = parse_date(o_.today);
            if (!d || o_.today.size() != 10) common::fail("--today", 0, 0, "expected a date YYYY-MM-DD, found \"" + o_.today + "\"");
            site_.config.today = *d;
        }
    } catch (const common::SourceError& e) {
        result_.errors.push_back(e.diagnostic());
        return false;
    }
    const std::string problem = options_problem(o_, out_dir_);
    if (!problem.empty()) result_.errors.push_back({"--internal", 0, 0, problem});
    return problem.empty();
}

void Build::load() {
    // config.json names the theme: a change of it forgets the theme kept.
    theme_ = state_ && state_->theme ? *state_->theme : common::load_theme(o_.site, site_.config.theme, required_templates(kinds_), diags_);
    // The site's contacts may be published; they are known once data/ is read.
    static_cast<common::SiteData&>(site_) =
        common::load_site_data(o_.site, diags_, [&](const common::JsonFile& f) { data_texts_.emplace_back(f.path, f.text); });
    personal_.allow_contacts(site_.info.contacts);
    for (const auto& [shown, text] : theme_.texts) personal_.scan_source(shown, text);
    for (const auto& [shown, text] : data_texts_) personal_.scan_source(shown, text);
    if (state_ && state_->content.settings != loading_settings()) {
        state_->content = ContentCache{};
        state_->content.settings = loading_settings();
    }
    loaded_ = load_content(o_.site, site_, personal_, diags_, state_ ? &state_->content : nullptr);
    if (state_) {
        for (const Notice& n : site_.notices)
            if (!n.body_rendered) fresh_notices_.emplace(n.source, n);
    }
    if (!o_.submissions.empty()) {
        site_.has_submissions = true;
        load_submissions(o_.submissions, o_.keys, site_, diags_);
    }
    clock_.mark("load");
}

// What loading a notice or a copied file depends on besides the file: the
// scans' allowed numbers, the links' base.
std::uint64_t Build::loading_settings() const {
    Digest d;
    d.add(site_.config.base_url);
    for (const std::string& n : site_.config.public_numbers) d.add(n);
    for (const auto& c : site_.info.contacts) d.add(c.unit).add(c.phone).add(c.email);
    return d.value();
}

void Build::link() {
    link_site(site_, diags_);
    render_notice_bodies(site_, diags_);
    for (const Notice& n : site_.notices)
        if (const auto it = fresh_notices_.find(n.source); it != fresh_notices_.end()) {
            Notice& kept = it->second;
            kept.body_html = n.body_html;
            kept.body_text = n.body_text;
            kept.body_links = n.body_links;
            kept.body_destinations = n.body_destinations;
            std::string().swap(kept.body);
            kept.body_rendered = true;
        }
    downloads_ = make_downloads(site_);
    ctx_.emplace(make_view_context(site_, downloads_));
    clock_.mark("link and render Markdown");
}

void Build::plan() {
    layout_digest_ = layout_digest();
    site_.destinations = leave_destinations();
    jobs_ = plan_pages(site_, kinds_, "themes/" + site_.config.theme + "/templates/");
    // The preview's last plan, if this one would be made of the same additions.
    if (state_) {
        Digest additions;
        each_planned([&](const std::string& path, const std::string& source) { additions.add(path).add(source); });
        plan_made_from_ = additions.value();
    }
    if (state_ && state_->plan.made_from == plan_made_from_) {
        plan_.take(std::exchange(state_->plan, KeptPlan{}));  // should this build fail, the next makes its own
    } else {
        plan_.reserve(jobs_.size() + site_.static_files.size() + theme_.static_files.size() + 3);
        each_planned([&](const std::string& path, const std::string& source) { plan_.add(path, source); });
    }
    // A kept notice's links were checked by the last build, against the same paths.
    const bool same_paths = state_ && state_->planned_paths == plan_.paths_digest();
    check_notice_links(site_, plan_, diags_, [&](const Notice& n) { return !same_paths || fresh_notices_.count(n.source) > 0; });
    planned_paths_ = plan_.paths_digest();
    if (state_) writer_.emplace(out_dir_, state_->output);
    else writer_.emplace(out_dir_, !o_.write);
    publisher_.emplace(site_.config, plan_, *writer_, personal_, diags_);
    digest_pages();
    clock_.mark("plan and check links");
}

// Every output path but the search index's shards, with what makes it, in order.
template <typename Fn>
void Build::each_planned(Fn&& planned) const {
    for (const PageJob& job : jobs_) planned(common::output_path(job.url), job.source);
    for (const auto& [url, list] : downloads_)
        for (const auto& d : list) planned(d.path, "data for " + url);
    for (const auto& f : site_.static_files) planned(f.out_path, f.shown_path);
    for (const auto& f : theme_.static_files) planned(f.out_path, f.shown_path);
    planned("feed.xml", "the feed");
    planned("sitemap.xml", "the sitemap");
    planned(common::search_index_url(), "the search index");
}

// A notice's page is made from its source and from what every page is made
// from, none of it another notice's: the configuration, data/, the theme,
// the copied files' sizes, the downloads, the day, the leave pages. Every
// other page lists notices or stands alone: it is made from what every page
// is made from and from the notices' front matter, never their bodies, which
// only their own pages and the search index read.
std::uint64_t Build::site_wide_digest() const {
    Digest d;
    d.add(layout_digest_);
    for (const auto* files : {&site_.static_files, &theme_.static_files})
        for (const StaticFile& f : *files) d.add(f.out_path).add(f.size);
    for (const auto& [url, list] : downloads_)
        for (const Download& dl : list) d.add(url).add(dl.path).add(dl.label).add(dl.type).add(dl.bytes);
    for (const std::string& dest : site_.destinations) d.add(dest);
    return d.value();
}

// What the layout around every page and the templates are made from: the
// configuration, data/, the theme, the day.
std::uint64_t Build::layout_digest() const {
    Digest d;
    const Config& c = site_.config;
    d.add(c.base_url).add(c.theme).add(c.language).add(c.today ? c.today->iso() : "");
    for (const std::string& n : c.public_numbers) d.add(n);
    d.add(c.codes.site_id).add(c.codes.icp).add(c.codes.police).add(c.codes.police_record);
    d.add(site_.today.iso()).add(site_.today.time);
    for (const auto& [shown, text] : data_texts_) d.add(shown).add(text);
    for (const auto& [name, text] : theme_.templates) d.add(name).add(text);
    for (const auto& [shown, text] : theme_.texts) d.add(shown).add(text);
    return d.value();
}

void Build::digest_pages() {
    made_from_.assign(jobs_.size(), 0);
    // The collector's records are read by pages of their own and the notices' too (status_url).
    if (!state_ || site_.has_submissions) return;
    const std::uint64_t site_wide = site_wide_digest();
    Digest fronts;
    fronts.add(site_wide);
    for (const Notice& n : site_.notices) fronts.add(n.source).add(n.front_digest);
    listing_made_from_ = fronts.value();
    for (std::size_t i = 0; i < jobs_.size(); ++i) {
        Digest d;
        d.add(jobs_[i].url);
        if (const Notice* n = jobs_[i].article) d.add(site_wide).add(n->source).add(n->source_digest);
        else d.add(listing_made_from_);
        made_from_[i] = d.value();
    }
}

// Every URL on another host that a page will link to, before any page is
// rendered: the notices' bodies, what the layout writes around every page
// (the footer's contacts and filing numbers, as the theme links them), and
// what the page templates write as it stands.
std::vector<std::string> Build::leave_destinations() {
    std::set<std::string> all = layout_destinations();
    for (const Notice& n : site_.notices) all.insert(n.body_destinations.begin(), n.body_destinations.end());
    return {all.begin(), all.end()};  // sorted: the same site gives the same pages
}

// The layout's and the page templates' own: the preview's last, while what
// they are made from is the same.
std::set<std::string> Build::layout_destinations() {
    if (state_ && state_->layout_destinations.made_from == layout_digest_) return state_->layout_destinations.urls;
    std::set<std::string> all = external_destinations(chrome(), site_.config);
    for (const std::string& name : page_templates(kinds_))
        if (const auto t = theme_.templates.find(name); t != theme_.templates.end()) all.merge(literal_destinations(t->second, site_.config));
    layout_destinations_ = {layout_digest_, all};
    return all;
}

// The layout around no content: what every page carries.
std::string Build::chrome() {
    if (!theme_.templates.count("layout")) return "";
    try {
        return Templates(theme_).render("layout", layout_view(*ctx_, PageHead{}, ""));
    } catch (const common::SourceError&) {
        return "";  // each page that renders the layout reports it
    }
}

void Build::render() {
    if (theme_.templates.size() < required_templates(kinds_).size()) jobs_.clear();
    std::vector<const StaticFile*> copies;
    for (const auto& f : site_.static_files) copies.push_back(&f);
    for (const auto& f : theme_.static_files) copies.push_back(&f);
    // Pages and copies interleaved, so that each core mixes rendering with
    // file-system work instead of queueing behind it.
    std::vector<std::pair<bool, std::size_t>> work;  // (is a page, index)
    for (std::size_t p = 0, c = 0; p + c < jobs_.size() + copies.size();) {
        if (c >= copies.size() || (p < jobs_.size() && p * copies.size() <= c * jobs_.size())) work.emplace_back(true, p++);
        else work.emplace_back(false, c++);
    }
    // Templates are compiled once per thread (kainjow's render is not const),
    // and only by a thread that renders.
    std::vector<std::unique_ptr<Templates>> per_worker(worker_count(work.size()));
    Progress progress(o_.progress, jobs_.size());
    std::mutex io_error_mutex;
    std::string io_error;
    parallel_for(work.size(), [&](std::size_t worker, std::size_t i) {
        const auto [is_page, index] = work[i];
        try {
            if (is_page) render_page(per_worker[worker], jobs_[index], made_from_[index]);
            else if (!copy_unchanged(index, *copies[index])) publisher_->copy(*copies[index]);
        } catch (const common::SourceError& e) {
            diags_.add(e.diagnostic());
        } catch (const std::exception& e) {
            std::lock_guard<std::mutex> lock(io_error_mutex);
            if (io_error.empty()) io_error = e.what();
        }
        if (is_page) progress.tick();
    });
    if (!io_error.empty()) throw std::runtime_error(io_error);
    clock_.mark("render and publish pages");
}

// Whether the last build made `key`'s file at `path` from the same (0: not
// known), and it is in the output as it left it: then it stays.
bool Build::kept_as_made(const std::string& key, std::uint64_t made_from, const std::string& path) {
    if (made_from == 0) return false;
    const auto before = state_->pages.find(key);
    return before != state_->pages.end() && before->second == made_from && publisher_->keep(path);
}

void Build::render_page(std::unique_ptr<Templates>& compiled, const PageJob& job, std::uint64_t made_from) {
    if (kept_as_made(job.url, made_from, common::output_path(job.url))) {
        if (job.article) release_body_html(*job.article);
        return;
    }
    ++rendered_;
    if (!compiled) compiled = std::make_unique<Templates>(theme_);
    Templates& templates = *compiled;
    const std::string content = templates.render(job.kind->tmpl, job.kind->view(*ctx_, job, jobs_));
    const std::string description = job.article ? collapsed_prefix(job.article->text(), kDescriptionChars) : std::string();
    View layout = layout_view(*ctx_, {job.url, job.title, job.kind->column, job.article, description, job.kind->noindex}, content);
    if (!job.kind->script.empty()) layout.set("script", href(*ctx_, job.kind->script));
    const std::vector<InternalLink> none;
    publisher_->page(job.url, templates.render("layout", layout), theme_.shown_paths.at(job.kind->tmpl),
                     job.article ? job.article->body_links : none);
    if (job.article) release_body_html(*job.article);
}

// Held to the end, the notices' HTML would sit beside the search index, the
// build's largest allocation; its page is its only reader, and each notice
// has one page, rendered on one thread.
void Build::release_body_html(const Notice& rendered) {
    Notice& n = site_.notices[static_cast<std::size_t>(&rendered - site_.notices.data())];  // the build's own, to change
    n.body_html.reset();
}

void Build::publish_files() {
    for (const auto& [url, list] : downloads_)
        for (const auto& d : list) publisher_->file(d.path, d.bytes, d.text);
    publish_listing_file("feed.xml", [&] { return make_feed(site_); });
    publish_listing_file("sitemap.xml", [&] {
        std::vector<SitemapEntry> entries;
        for (const auto& job : jobs_)
            if (job.kind->listed) entries.push_back({job.url, job.article ? job.article->published.iso() : std::string()});
        return make_sitemap(site_, entries);
    });
    clock_.mark("publish downloads, feed, sitemap");
}

// Like the pages that list notices: kept while what they are made from is the same.
void Build::publish_listing_file(const std::string& path, const std::function<std::string()>& make) {
    listing_files_.push_back(path);
    if (!kept_as_made(path, listing_made_from_, path)) publisher_->file(path, make());
}

void Build::publish_pages_early() {
    if (!state_ || !state_->pages_published || !diags_.empty()) return;
    writer_->publish_staged();
    state_->pages_published();
    clock_.mark("pages shown");
}

void Build::publish_search_index() {
    std::vector<SearchDocument> docs = search_documents(site_, downloads_);
    // The copied files' last reader (for their sizes): copied, planned and
    // listed, their 20,000 paths at 10,000 notices need not sit beside the
    // postings. The preview keeps them for its next build (keep_state).
    if (!state_) std::vector<StaticFile>().swap(site_.static_files);
    const SearchPostings postings = search_postings(docs);
    // And the postings are the notices' text's last reader (41 MB at 10,000
    // notices): index.json and the shards hold only the excerpts. The
    // documents' views into it go first.
    if (!state_) {
        for (SearchDocument& d : docs) d.parts.clear();
        for (Notice& n : site_.notices) n.body_text.reset();
    }
    // index.json is written on one thread while the shards are cut on the
    // others: both only read the documents and the postings.
    std::optional<const SearchShards> cut;
    run_both([&] { publisher_->file_in_pieces(common::search_index_url(), [&](const auto& write) { search_index_json(docs, postings, write); }); },
             [&] { cut.emplace(docs, postings); });
    const SearchShards& shards = *cut;
    // Named by what they hold, known only now: planned as they come. Thousands
    // of files: written on every core, as pages are.
    // Each file is made on the thread that writes it, and freed once written.
    for (std::size_t i = 0; i < shards.size(); ++i) plan_.add(shards.path(i), "the search index");
    files_ = plan_.size();
    if (state_)
        for (std::size_t i = 0; i < shards.size(); ++i) planned_later_.push_back(shards.path(i));
    std::vector<std::exception_ptr> failed(shards.size());
    parallel_for(shards.size(), [&](std::size_t, std::size_t i) {
        try {
            publisher_->file(shards.path(i), shards.json(i));
        } catch (...) {
            failed[i] = std::current_exception();
        }
    });
    for (const auto& e : failed)
        if (e) std::rethrow_exception(e);
    clock_.mark("search index, whole and in shards");
}

void Build::write_internal_site() {
    if (o_.internal.empty()) return;
    internal_.emplace(o_.internal, !o_.write);
    const StaticFile* stylesheet = nullptr;
    for (const auto& f : theme_.static_files)
        if (f.out_path == kInternalStylesheet) stylesheet = &f;
    gen::write_internal_site(*internal_, Templates(theme_), *ctx_, o_.submissions, stylesheet);
    clock_.mark("internal review site");
}

void Build::commit() {
    result_.errors = diags_.sorted();
    if (result_.errors.empty()) {
        // The internal site first: if it fails, public/ is still as it was.
        if (internal_) internal_->commit();
        writer_->commit();
        keep_state();
    }
    clock_.mark("commit");
}

void Build::keep_state() {
    if (!state_) return;
    std::map<std::string, Notice> notices;
    for (const Notice& n : site_.notices) {
        auto& source = fresh_notices_.count(n.source) ? fresh_notices_ : state_->content.notices;
        notices.emplace(n.source, std::move(source.at(n.source)));
    }
    state_->content.notices = std::move(notices);
    std::map<std::string, unsigned long long> copies;  // content/'s copied files by shown path: their sizes
    for (const StaticFile& f : site_.static_files) copies.emplace_hint(copies.end(), f.shown_path, f.size);
    state_->content.copies = std::move(copies);
    state_->content.listing = std::move(loaded_.listing);
    state_->content.notice_order.clear();
    for (const Notice& n : site_.notices) state_->content.notice_order.push_back(n.source.substr(std::string("content/").size()));
    state_->theme = std::move(theme_);
    state_->pages.clear();
    for (std::size_t i = 0; i < jobs_.size(); ++i)
        if (made_from_[i] != 0) state_->pages.emplace(jobs_[i].url, made_from_[i]);
    if (listing_made_from_ != 0)
        for (const std::string& file : listing_files_) state_->pages.emplace(file, listing_made_from_);
    state_->planned_paths = planned_paths_;
    state_->plan = plan_.keep(plan_made_from_, planned_later_);
    if (layout_destinations_.made_from != 0) state_->layout_destinations = std::move(layout_destinations_);
}

void Build::fail(const std::exception& e) {
    result_.errors = diags_.sorted();
    result_.errors.push_back({o_.out.empty() ? "public" : o_.out.string(), 0, 0, e.what()});
}

void Build::count() {
    if (!result_.errors.empty()) return;
    result_.pages = jobs_.size();
    result_.rendered = rendered_;
    result_.files = files_;
}

}  // namespace

BuildResult build_site(const BuildOptions& o) { return build_site(o, page_kinds()); }

BuildResult build_site(const BuildOptions& o, BuildState& state) { return build_site(o, page_kinds(), &state); }

BuildResult build_site(const BuildOptions& o, const PageKinds& kinds, BuildState* state) {
    BuildResult result;
    init_markdown();
    Build build(o, kinds, result, state);
    if (!build.configure()) return result;
    build.load();
    build.link();
    try {
        build.plan();
        build.render();
        build.publish_files();
        build.publish_pages_early();
        build.publish_search_index();
        build.write_internal_site();
        build.commit();
    } catch (const std::exception& e) {
        build.fail(e);
    }
    build.count();
    return result;
}

}  // namespace gen
