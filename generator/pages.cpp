#include "generator/pages.hpp"

#include <algorithm>

namespace gen {

std::vector<std::string> page_templates(const PageKinds& kinds) {
    std::vector<std::string> names = {"layout"};
    for (const PageKind& k : kinds)
        if (std::find(names.begin(), names.end(), k.tmpl) == names.end()) names.push_back(k.tmpl);
    return names;
}

std::vector<std::string> required_templates(const PageKinds& kinds) {
    std::vector<std::string> names = page_templates(kinds);
    // The internal review site is no public page, so no kind's.
    for (const char* name : {"internal_index", "internal_version", "internal_call"}) names.push_back(name);
    return names;
}

std::vector<PageJob> plan_pages(const Site& site, const PageKinds& kinds, const std::string& theme_dir) {
    std::vector<PageJob> jobs;
    for (const PageKind& k : kinds) {
        for (PageInstance& page : k.pages(site, theme_dir)) {
            PageJob job{std::move(page), &k};
            auto at = jobs.end();
            if (!k.follows.empty()) {
                const auto leader = std::find_if(jobs.rbegin(), jobs.rend(), [&](const PageJob& j) {
                    return j.kind->name == k.follows && j.index == job.index;
                });
                if (leader != jobs.rend()) at = leader.base();
            }
            jobs.insert(at, std::move(job));
        }
    }
    return jobs;
}

}  // namespace gen
