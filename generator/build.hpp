#pragma once
// The generator's pipeline: load -> link -> plan -> render -> publish -> commit.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/diagnostic.hpp"
#include "common/theme.hpp"
#include "generator/content_cache.hpp"
#include "generator/output_plan.hpp"
#include "generator/writer.hpp"

namespace gen {

struct BuildOptions {
    std::filesystem::path site = ".";
    std::filesystem::path out;  // default: <site>/public
    bool write = true;          // false: check only, nothing is written
    std::string base_url;       // overrides config.json when set
    std::string today;          // YYYY-MM-DD, overrides config.json when set
    std::filesystem::path submissions;  // the collector's data directory: adds 受理情况 pages
    std::filesystem::path internal;     // with submissions: the internal review site goes here, never under out
    std::filesystem::path keys;         // with internal: the collector's key directory, to open personal fields
    bool progress = false;      // report progress on stderr
};

struct BuildResult {
    std::vector<common::Diagnostic> errors;  // sorted; empty on success
    std::size_t pages = 0;
    std::size_t rendered = 0;  // of the pages, those rendered: the others were kept from the last build
    std::size_t files = 0;  // every file written, pages included
    std::vector<std::pair<std::string, double>> phases;  // seconds spent in each step, in order
};

// The leave pages' destinations that the layout and the page templates
// hold, and what they were found in.
struct KeptDestinations {
    std::uint64_t made_from = 0;
    std::set<std::string> urls;
};

// What a build keeps for the next one of the same site into the same
// output (the preview's): the next reads only the files that changed,
// renders again only the pages whose sources changed (a notice's page its
// notice, a page listing notices their front matter), and writes only the
// files whose bytes changed, removing those no longer made. The output is
// the same as a clean build's.
struct BuildState {
    ContentCache content;
    std::optional<common::ThemeSource> theme;  // as read, while nothing under themes/ changed
    OutputDigests output;
    std::unordered_map<std::string, std::uint64_t> pages;  // URL -> digest of what its page was made from; the feed and sitemap too
    std::uint64_t planned_paths = 0;
    KeptDestinations layout_destinations;
    KeptPlan plan;  // the output plan, less the search index's shards  // OutputPlan::paths_digest() of the last build, whose notices' links all resolved
    // Called, when set, as soon as the pages are in place and none has an
    // error, before the search index is made: the longest step of a
    // rebuild, which no page waits for. The build goes on, and returns
    // once the index is in place too.
    std::function<void()> pages_published;

    // Before each build but the first: the site-relative paths that
    // changed, were added or removed since the last one.
    void forget(const std::set<std::string>& changed, const std::filesystem::path& site) {
        content.forget(changed, site);
        for (const std::string& path : changed)
            if (path.compare(0, 7, "themes/") == 0 || path == "themes" || path == "config.json") theme.reset();
    }
};

// Never throws for problems in the site: they come back as errors, and the
// output directory is left untouched unless there are none.
BuildResult build_site(const BuildOptions& options);
// Updating the output in place from what the last build kept in `state`.
BuildResult build_site(const BuildOptions& options, BuildState& state);

// With other page kinds than the site's (page_kinds.hpp): a test's kind added, say.
struct PageKind;
BuildResult build_site(const BuildOptions& options, const std::vector<PageKind>& kinds, BuildState* state = nullptr);

}  // namespace gen
