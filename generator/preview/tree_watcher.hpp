#pragma once
// What changed in the site's sources, told by the kernel (inotify): every
// directory under content/, data/ and themes/ is watched, new ones as they
// appear, and the site's root for config.json. Editors save in several
// steps (a temporary file, a rename, a chmod), so changes are read as a
// batch: the caller waits on fd() and calls changes() when it is readable.

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace gen {

class TreeWatcher {
public:
    // Throws std::system_error when inotify is not available.
    explicit TreeWatcher(std::filesystem::path site);
    ~TreeWatcher();
    TreeWatcher(const TreeWatcher&) = delete;
    TreeWatcher& operator=(const TreeWatcher&) = delete;

    int fd() const { return fd_; }
    // What changed since the last call, relative to the site's root
    // ("content/notices/a.md", "config.json"): every event waiting, none
    // if there is none.
    std::set<std::string> changes();
    // Whether the changes read so far leave every file whole: none created
    // and not yet closed, none removed or moved away and not back. A save
    // that rewrites a file in place is settled when the file is closed; one
    // that first moves the old file away (vim's backup) only once the new
    // file is closed too; a file removed for good, never.
    bool settled() const { return writing_.empty() && gone_.empty(); }
    // The changes have been built: the files removed stay removed.
    void built() { gone_.clear(); }

private:
    void watch_tree(const std::filesystem::path& dir);
    bool relevant(const std::string& relative) const;
    void follow(std::uint32_t mask, const std::string& file);

    std::filesystem::path site_;
    int fd_ = -1;
    std::map<int, std::filesystem::path> dirs_;  // watch descriptor -> directory
    std::set<std::string> writing_, gone_;       // site-relative files
};

}  // namespace gen
