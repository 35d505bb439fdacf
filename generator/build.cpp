#include "generator/build.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <algorithm>
#include <map>
#include <optional>
#include <mutex>
#include <set>
#include <unordered_map>

#include "common/files.hpp"
#include "common/theme.hpp"
#include "common/urls.hpp"
#include "generator/content_loader.hpp"
#include "generator/data_loader.hpp"
#include "generator/date.hpp"
#include "generator/downloads.hpp"
#include "generator/feed.hpp"
#include "generator/gov_views.hpp"
#include "generator/leave_links.hpp"
#include "generator/link_check.hpp"
#include "generator/markdown.hpp"
#include "generator/online_form_view.hpp"
#include "generator/pages.hpp"
#include "generator/parallel.hpp"
#include "generator/personal_check.hpp"
#include "generator/routes.hpp"
#include "generator/search_index.hpp"
#include "generator/search_tokens.hpp"
#include "generator/site_config.hpp"
#include "generator/sitemap.hpp"
#include "generator/submissions_loader.hpp"
#include "generator/views.hpp"
#include "generator/writer.hpp"

namespace gen {
namespace fs = std::filesystem;
using common::Templates;
using common::ThemeSource;
namespace {

// A notice's Description meta tag: the start of its body, as search results show it.
constexpr std::size_t kDescriptionChars = 100;

// Every output path with the source that produces it: two sources for one
// path is an error, never a silent overwrite.
class OutputPlan {
public:
    explicit OutputPlan(common::Diagnostics& diags) : diags_(diags) {}
    void add(const std::string& path, const std::string& source) {
        const auto [it, fresh] = owners_.emplace(path, source);
        if (!fresh) diags_.add(source, 0, 0, "output path public/" + path + " is also produced by " + it->second);
    }
    bool has(const std::string& path) const { return owners_.count(path) > 0; }
    std::size_t size() const { return owners_.size(); }

private:
    common::Diagnostics& diags_;
    std::unordered_map<std::string, std::string> owners_;
};

bool link_resolves(const OutputPlan& plan, const std::string& target) { return plan.has(common::output_path(target)); }

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

struct Renderer {
    const Site& site;
    const ViewContext& ctx;
    const OutputPlan& plan;
    const ThemeSource& theme;
    const std::vector<PageJob>& jobs;
    Writer& writer;
    PersonalDataCheck& personal;
    common::Diagnostics& diags;
    std::vector<std::string>& notice_texts;  // one slot per notice, each filled by the thread rendering it
    std::mutex destinations_mutex;
    std::set<std::string> destinations;      // every URL on another host that a page links to

    void render(Templates& templates, const PageJob& job) {
        std::string script;  // the page's own script, under the site root
        View view;
        PageHead head{job.url, job.title, job.column, nullptr, {}, false};
        std::set<std::string> reported;  // markdown links already reported at their source line
        switch (job.kind) {
            case PageKind::home: view = home_view(ctx); break;
            case PageKind::notice_index: view = notice_index_view(ctx); break;
            case PageKind::notice: {
                const Notice& n = site.notices[job.index];
                const RenderedMarkdown md = render_markdown(n.body, site.config.base_path, job.url, n.source, n.body_line, diags);
                for (const InternalLink& l : md.links) {
                    if (link_resolves(plan, l.target)) continue;
                    diags.add(n.source, l.line, markdown_column(n.body, l), "link to /" + l.target + " resolves to nothing on the site");
                    reported.insert(l.target);
                }
                view = notice_view(ctx, n, md.html);
                notice_texts[job.index] = md.text;
                head.article = &n;
                head.description = collapsed_prefix(md.text, kDescriptionChars);
                break;
            }
            case PageKind::quota: view = quota_view(ctx, site.quotas[job.index]); break;
            case PageKind::topics: view = topics_view(ctx, site.topics[job.index]); break;
            case PageKind::list: view = list_view(ctx, site.lists[job.index]); break;
            case PageKind::form: view = form_view(ctx, site.forms[job.index]); break;
            case PageKind::online_form: {
                const FormPage& f = site.forms[job.index];
                view = online_form_view(ctx, f, *call_taking(site, f.key));
                script = "assets/online-form.js";
                break;
            }
            case PageKind::call_status: view = call_status_view(ctx, site.calls[job.index]); break;
            case PageKind::not_found: view = not_found_view(ctx); break;
            case PageKind::search:
                view = search_view(ctx);
                script = "assets/search.js";
                break;
            case PageKind::site_map: view = site_map_view(ctx, jobs); break;
            case PageKind::mode:
                view = mode_view(ctx, job.index == 0);
                head.noindex = true;
                break;
        }
        const std::string content = templates.render(job.tmpl, view);
        View layout = layout_view(ctx, head, content);
        if (!script.empty()) layout.set("script", href(ctx, script));
        const std::string html = templates.render("layout", layout);
        const std::string out = common::output_path(job.url);
        for (const PageLink& l : page_links(html, job.url, site.config.base_path)) {
            if (l.outside_base) {
                diags.add(theme.shown_paths.at(job.tmpl), 0, 0, "link " + l.url + " in public/" + out + " is outside the base path " + site.config.base_path);
            } else if (!reported.count(l.target) && !link_resolves(plan, l.target)) {
                diags.add(theme.shown_paths.at(job.tmpl), 0, 0, "link " + l.url + " in public/" + out + " resolves to nothing on the site");
            }
        }
        write_page(out, html);
    }

    // The page a link to another host passes first; written once every page
    // has named its destinations.
    void render_leave(Templates& templates, const std::string& destination) {
        const PageHead head{common::leave_url(destination), "即将离开本站", "", nullptr, {}, true};
        write_page(common::output_path(head.url), templates.render("layout", layout_view(ctx, head, templates.render("leave", leave_view(ctx, destination)))));
    }

private:
    void write_page(const std::string& out, const std::string& html) {
        std::set<std::string> found;
        const std::string routed = route_external_links(html, site.config, found);
        if (!found.empty()) {
            std::lock_guard<std::mutex> lock(destinations_mutex);
            destinations.insert(found.begin(), found.end());
        }
        personal.scan_output(out, routed);
        writer.write(out, routed);
    }
};

// Every version of every submission for the bureau's reviewers, personal
// data included: written only to the internal directory.
void write_internal_site(Writer& writer, Templates templates, const ViewContext& ctx, const fs::path& data_dir) {
    const auto& subs = ctx.site.submissions;
    writer.write("index.html", templates.render("internal_index", internal_index_view(ctx)));
    for (std::size_t i = 0; i < subs.size(); ++i) {
        const Submission& s = subs[i];
        const bool same_unit = i > 0 && subs[i - 1].form == s.form && subs[i - 1].unit == s.unit;
        writer.write(internal_url(s) + "index.html", templates.render("internal_version", internal_version_view(ctx, s, same_unit ? &subs[i - 1] : nullptr)));
        // Copies, not links: the stored uploads are records whose hashes are in git.
        for (const auto& f : s.files) writer.copy(internal_url(s) + f.name, common::DataLayout(data_dir).upload(s.key(), f.name), false);
    }
}

}  // namespace

BuildResult build_site(const BuildOptions& o) {
    BuildResult result;
    common::Diagnostics diags;
    init_markdown();
    Site site;
    try {
        site.config = load_config(o.site, o.base_url);
        if (!o.today.empty()) {
            const auto d = parse_date(o.today);
            if (!d || o.today.size() != 10) common::fail("--today", 0, 0, "expected a date YYYY-MM-DD, found \"" + o.today + "\"");
            site.config.today = *d;
        }
    } catch (const common::SourceError& e) {
        result.errors.push_back(e.diagnostic());
        return result;
    }

    const fs::path out_dir = o.out.empty() ? o.site / "public" : o.out;
    if (!o.internal.empty()) {
        std::string problem;
        if (o.submissions.empty()) problem = "--internal needs --submissions (the collector's data directory)";
        else if (common::is_within(o.internal, out_dir) || common::is_within(out_dir, o.internal))
            problem = "the internal review site holds personal data and must not be inside the public output (or hold it)";
        if (!problem.empty()) {
            result.errors.push_back({"--internal", 0, 0, problem});
            return result;
        }
    }
    PhaseClock clock(result);
    PersonalDataCheck personal(site.config.public_numbers, diags);
    const ThemeSource theme = common::load_theme(o.site, site.config.theme, required_templates(), diags);
    for (const auto& [shown, text] : theme.texts) personal.scan_source(shown, text);
    load_data(o.site, site, personal, diags);
    clock.mark("load theme and data");
    load_content(o.site, site, personal, diags);
    clock.mark("load content");
    if (!o.submissions.empty()) {
        site.has_submissions = true;
        load_submissions(o.submissions, site, diags);
    }
    link_site(site, diags);

    const auto downloads = make_downloads(site);
    const ViewContext ctx = make_view_context(site, downloads);

    OutputPlan plan(diags);
    std::vector<PageJob> jobs = plan_pages(site, "themes/" + site.config.theme + "/templates/");
    for (const PageJob& job : jobs) plan.add(common::output_path(job.url), job.source);
    for (const auto& [url, list] : downloads)
        for (const auto& d : list) plan.add(d.path, "data for " + url);
    for (const auto& f : site.static_files) plan.add(f.out_path, f.shown_path);
    for (const auto& f : theme.static_files) plan.add(f.out_path, f.shown_path);
    plan.add("feed.xml", "the feed");
    plan.add("sitemap.xml", "the sitemap");
    plan.add("search/index.json", "the search index");

    std::size_t leave_pages = 0;
    try {
        Writer writer(out_dir, !o.write);
        clock.mark("plan");

        // Templates are compiled once per thread: kainjow's render is not const.
        std::vector<std::unique_ptr<Templates>> per_worker;
        const bool theme_ok = theme.templates.size() >= required_templates().size();
        if (!theme_ok) jobs.clear();
        std::vector<const StaticFile*> copies;
        for (const auto& f : site.static_files) copies.push_back(&f);
        for (const auto& f : theme.static_files) copies.push_back(&f);
        // Pages and copies interleaved, so that each core mixes rendering with
        // file-system work instead of queueing behind it.
        std::vector<std::pair<bool, std::size_t>> work;  // (is a page, index)
        for (std::size_t p = 0, c = 0; p + c < jobs.size() + copies.size();) {
            if (c >= copies.size() || (p < jobs.size() && p * copies.size() <= c * jobs.size())) work.emplace_back(true, p++);
            else work.emplace_back(false, c++);
        }
        for (std::size_t w = 0; w < worker_count(work.size()); ++w) per_worker.push_back(std::make_unique<Templates>(theme));
        std::vector<std::string> notice_texts(site.notices.size());
        Renderer renderer{site, ctx, plan, theme, jobs, writer, personal, diags, notice_texts, {}, {}};
        Progress progress(o.progress, jobs.size());
        std::mutex io_error_mutex;
        std::string io_error;
        parallel_for(work.size(), [&](std::size_t worker, std::size_t i) {
            const auto [is_page, index] = work[i];
            try {
                if (is_page) renderer.render(*per_worker[worker], jobs[index]);
                else writer.copy(copies[index]->out_path, copies[index]->source_path);
            } catch (const common::SourceError& e) {
                diags.add(e.diagnostic());
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(io_error_mutex);
                if (io_error.empty()) io_error = e.what();
            }
            if (is_page) progress.tick();
        });
        if (!io_error.empty()) throw std::runtime_error(io_error);
        // Sorted destinations, so that the same site gives the same pages.
        if (!per_worker.empty()) {
            const std::set<std::string> destinations = renderer.destinations;  // leave pages add none of their own
            for (const std::string& destination : destinations) {
                plan.add(common::output_path(common::leave_url(destination)), "the notice before leaving for " + destination);
                renderer.render_leave(*per_worker[0], destination);
            }
            leave_pages = destinations.size();
        }
        clock.mark("render pages and copy files");

        for (const auto& [url, list] : downloads) {
            for (const auto& d : list) {
                personal.scan_output(d.path, d.text);
                writer.write(d.path, d.bytes);
            }
        }
        writer.write("feed.xml", make_feed(site));
        std::vector<SitemapEntry> entries;
        for (const auto& job : jobs) {
            if (!is_listed(job)) continue;
            entries.push_back({job.url, job.kind == PageKind::notice ? site.notices[job.index].published.iso() : std::string()});
        }
        writer.write("sitemap.xml", make_sitemap(site, entries));
        clock.mark("downloads, feed, sitemap");

        const std::string index = search_index_json(search_documents(site, downloads, notice_texts));
        personal.scan_output("search/index.json", index);
        writer.write("search/index.json", index);
        clock.mark("search index");

        std::optional<Writer> internal;
        if (!o.internal.empty()) {
            internal.emplace(o.internal, !o.write);
            write_internal_site(*internal, Templates(theme), ctx, o.submissions);
            clock.mark("internal review site");
        }

        result.errors = diags.sorted();
        if (result.errors.empty()) {
            // The internal site first: if it fails, public/ is still as it was.
            if (internal) internal->commit();
            writer.commit();
        }
        clock.mark("swap output");
    } catch (const std::exception& e) {
        result.errors = diags.sorted();
        result.errors.push_back({o.out.empty() ? "public" : o.out.string(), 0, 0, e.what()});
    }
    if (result.errors.empty()) {
        result.pages = jobs.size() + leave_pages;
        result.files = plan.size();
    }
    return result;
}

}  // namespace gen
