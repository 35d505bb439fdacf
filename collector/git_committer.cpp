#include "collector/git_committer.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "collector/git_process.hpp"
#include "common/data_layout.hpp"

namespace collector {

GitCommitter::GitCommitter(std::filesystem::path repo, std::string remote) : repo_(std::move(repo)), remote_(std::move(remote)) {
    if (!std::filesystem::exists(repo_ / ".git") && run_git(repo_, {"init", "-q", "-b", "main"}) != 0)
        throw std::runtime_error("git init failed in " + repo_.string());
    // A git process killed with its collector leaves its locks behind
    // (index.lock, HEAD.lock, refs/heads/main.lock); only one collector runs
    // per data directory (SubmissionStore holds a flock), so they are stale.
    // Give a git killed with our predecessor a moment to be gone first.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(repo_ / ".git", ec); it != std::filesystem::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->path().extension() == ".lock") std::filesystem::remove(it->path(), ec);
    }
    {
        std::lock_guard<std::mutex> git(git_mutex_);
        commit({"versions received before a restart"}, {});
    }
    thread_ = std::thread([this] { run(); });
}

GitCommitter::~GitCommitter() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    flush();
}

void GitCommitter::note(const std::string& line, const std::string& path) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_.push_back(line);
        pending_paths_.push_back(path);
    }
    wake_.notify_all();
}

void GitCommitter::flush() {
    // Holding git_mutex_ first waits for a batch the committer thread has
    // already taken: flush returns only when every noted version is committed.
    std::lock_guard<std::mutex> git(git_mutex_);
    std::vector<std::string> lines, paths;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        lines.swap(pending_);
        paths.swap(pending_paths_);
    }
    if (!lines.empty()) commit(lines, paths);
}

void GitCommitter::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
        if (stopping_) return;
        // Gather what arrives within a second into one commit.
        wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
        lock.unlock();
        {
            std::lock_guard<std::mutex> git(git_mutex_);
            std::vector<std::string> lines, paths;
            {
                std::lock_guard<std::mutex> relock(mutex_);
                lines.swap(pending_);
                paths.swap(pending_paths_);
            }
            if (!lines.empty()) commit(lines, paths);
        }
        lock.lock();
    }
}

void GitCommitter::commit(const std::vector<std::string>& lines, const std::vector<std::string>& paths) {
    std::vector<std::string> add = {"add", "-A", "--"};
    if (paths.empty()) {
        add.push_back(".");
    } else {
        add.insert(add.end(), {common::DataLayout::kAuditLog, common::DataLayout::kAccessDir});
        add.insert(add.end(), paths.begin(), paths.end());
    }
    if (run_git(repo_, add) != 0) {
        // Keep the batch: later commits stage only their own paths.
        std::fprintf(stderr, "collector: git add failed in %s; will retry with the next commit\n", repo_.c_str());
        std::lock_guard<std::mutex> pending_lock(mutex_);
        pending_.insert(pending_.begin(), lines.begin(), lines.end());
        pending_paths_.insert(pending_paths_.begin(), paths.begin(), paths.end());
        return;
    }
    // Nothing staged: nothing to commit.
    if (run_git(repo_, {"diff", "--cached", "--quiet"}) == 0) return;
    std::string subject = lines.size() == 1 ? "Receive " + lines[0] : "Receive " + std::to_string(lines.size()) + " submissions";
    std::string body;
    for (const auto& l : lines) body += l + "\n";
    if (run_git(repo_, {"commit", "-q", "-m", subject, "-m", body}) != 0) {
        std::fprintf(stderr, "collector: git commit failed in %s; will retry with the next commit\n", repo_.c_str());
        return;
    }
    if (!remote_.empty()) push();
}

void GitCommitter::push() {
    const std::chrono::seconds limit(60);
    const int status = run_git(repo_, {"push", "-q", remote_, "HEAD:refs/heads/main"}, limit);
    if (status == kGitTimedOut)
        std::fprintf(stderr, "collector: git push to %s stopped after %lld s without finishing; the next push carries its commits\n",
                     remote_.c_str(), static_cast<long long>(limit.count()));
    else if (status != 0)
        std::fprintf(stderr, "collector: git push to %s failed (status %d); the next push carries its commits\n", remote_.c_str(), status);
}

}  // namespace collector
