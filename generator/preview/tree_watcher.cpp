#include "generator/preview/tree_watcher.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>

namespace gen {
namespace fs = std::filesystem;
namespace {

constexpr const char* kWatchedTrees[] = {"content", "data", "themes"};
constexpr const char* kConfig = "config.json";
// A file written, created, removed or renamed, and a directory removed or
// moved away (its watch goes with it).
constexpr std::uint32_t kEvents = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF |
                                  IN_MOVE_SELF | IN_ONLYDIR;

}  // namespace

TreeWatcher::TreeWatcher(fs::path site) : site_(std::move(site)) {
    fd_ = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "inotify_init1");
    const int root = inotify_add_watch(fd_, site_.c_str(), kEvents);
    if (root < 0) throw std::system_error(errno, std::generic_category(), "inotify_add_watch " + site_.string());
    dirs_[root] = site_;
    for (const char* tree : kWatchedTrees) watch_tree(site_ / tree);
}

TreeWatcher::~TreeWatcher() {
    if (fd_ >= 0) ::close(fd_);
}

void TreeWatcher::watch_tree(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    const int wd = inotify_add_watch(fd_, dir.c_str(), kEvents);
    if (wd >= 0) dirs_[wd] = dir;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_directory(ec)) continue;
        const int child = inotify_add_watch(fd_, it->path().c_str(), kEvents);
        if (child >= 0) dirs_[child] = it->path();
    }
}

// Only what a build reads: the three trees and config.json. Editors' own
// files beside them (swap files, backups) are left to the build to skip,
// as it skips them in a clean build.
bool TreeWatcher::relevant(const std::string& relative) const {
    if (relative == kConfig) return true;
    for (const char* tree : kWatchedTrees)
        if (relative == tree || relative.rfind(std::string(tree) + "/", 0) == 0) return true;
    return false;
}

void TreeWatcher::follow(std::uint32_t mask, const std::string& file) {
    if (mask & IN_CREATE) writing_.insert(file);
    if (mask & (IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM)) writing_.erase(file);
    if (mask & (IN_DELETE | IN_MOVED_FROM)) gone_.insert(file);
    if (mask & (IN_CREATE | IN_MOVED_TO)) gone_.erase(file);
}

std::set<std::string> TreeWatcher::changes() {
    std::set<std::string> out;
    alignas(inotify_event) std::array<char, 64 * 1024> buffer;
    for (;;) {
        const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
        if (n <= 0) break;  // EAGAIN: nothing more waiting
        for (ssize_t at = 0; at < n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(buffer.data() + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
            const auto dir = dirs_.find(e->wd);
            if (dir == dirs_.end()) continue;
            if (e->mask & IN_IGNORED) {
                dirs_.erase(dir);
                continue;
            }
            const fs::path path = e->len ? dir->second / e->name : dir->second;
            const std::string relative = path.lexically_relative(site_).generic_string();
            if (!relevant(relative)) continue;
            out.insert(relative);
            if (!(e->mask & IN_ISDIR)) follow(e->mask, relative);
            // A directory made or moved in: its files are new too, and it needs watching.
            if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path);
        }
    }
    return out;
}

}  // namespace gen
