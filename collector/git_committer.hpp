#pragma once
// Turns accepted versions into git commits, for review. Commits trail the
// receipts by about a second and batch whatever arrived meanwhile;
// durability comes from fsync, not from git. A restart commits what a
// previous run left uncommitted.

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace collector {

class GitCommitter {
public:
    // Initialises the repository if needed. `remote`: a git remote (name or
    // path) that receives a push after each commit, or empty.
    GitCommitter(std::filesystem::path repo, std::string remote);
    ~GitCommitter();  // commits what is pending, then stops

    // A new version for the next commit: its message line, e.g.
    // "application-2019 miluo-zhengze v0002", and its directory relative to
    // the repository (only these paths are staged: no scan of the whole tree).
    void note(const std::string& line, const std::string& path);
    // Commits now whatever is pending (for shutdown and tests).
    void flush();

private:
    void run();
    // `paths` empty: stage everything (after a restart). Callers hold git_mutex_.
    void commit(const std::vector<std::string>& lines, const std::vector<std::string>& paths);
    // Gives up after a minute: a remote that accepts and never answers must not stall the commits.
    void push();

    std::filesystem::path repo_;
    std::string remote_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::string> pending_;
    std::vector<std::string> pending_paths_;
    bool stopping_ = false;
    std::mutex git_mutex_;  // one batch in git at a time; taken before mutex_
    std::thread thread_;
};

}  // namespace collector
