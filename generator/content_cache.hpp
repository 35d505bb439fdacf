#pragma once
// What the preview keeps of content/ from one build to the next, so that a
// rebuild reads only the files that changed: each notice as loaded, with
// its body rendered, and each copied file's size once its text was checked.
// Filled only from builds without errors, so that everything kept passed.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "generator/site_model.hpp"

namespace gen {

struct ContentCache {
    std::map<std::string, Notice> notices;                 // by source ("content/notices/a.md"), before linking
    std::map<std::string, unsigned long long> copies;      // by shown path: the file's size
    // content/'s files as the last build listed them (relative to content/,
    // sorted), while no file has been added or removed since: at 30,000
    // files listing takes longer than the rest of a rebuild's loading.
    std::shared_ptr<const std::vector<std::string>> listing;
    // The notices' files (relative to content/) in the order the last build
    // sorted them: every notice the listing holds, as the build succeeded.
    // Loaded in that order while the listing holds, they need no sorting.
    std::vector<std::string> notice_order;
    // What loading read besides the files (the base path, the numbers that
    // may be published): when it changes, nothing kept holds.
    std::uint64_t settings = 0;

    // Files changed, added or removed (site-relative, "content/notices/a.md",
    // or a directory for all under it) in the site at `root`: what was kept
    // of them goes, and the listing if one of them is a file it should now
    // hold or no longer hold.
    void forget(const std::set<std::string>& changed, const std::filesystem::path& root);
};

}  // namespace gen
