#include "collector/git_committer.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <stdexcept>

extern char** environ;

namespace collector {

int run_git(const std::filesystem::path& repo, const std::vector<std::string>& args) {
    // The collector's identity is given per command: no global git config needed.
    std::vector<std::string> full = {"git", "-C", repo.string(), "-c", "user.name=collector", "-c", "user.email=collector@localhost",
                                     "-c", "commit.gpgsign=false"};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    const int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

GitCommitter::GitCommitter(std::filesystem::path repo, std::string remote) : repo_(std::move(repo)), remote_(std::move(remote)) {
    if (!std::filesystem::exists(repo_ / ".git") && run_git(repo_, {"init", "-q", "-b", "main"}) != 0)
        throw std::runtime_error("git init failed in " + repo_.string());
    // A git process killed with its collector leaves its lock behind; only
    // one collector runs per data directory (see DataDirLock), so it is stale.
    std::error_code ec;
    std::filesystem::remove(repo_ / ".git" / "index.lock", ec);
    commit({"versions received before a restart"});
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

void GitCommitter::note(const std::string& line) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_.push_back(line);
    }
    wake_.notify_all();
}

void GitCommitter::flush() {
    std::vector<std::string> lines;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        lines.swap(pending_);
    }
    if (!lines.empty()) commit(lines);
}

void GitCommitter::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
        if (stopping_) return;
        // Gather what arrives within a second into one commit.
        wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
        std::vector<std::string> lines;
        lines.swap(pending_);
        lock.unlock();
        commit(lines);
        lock.lock();
    }
}

void GitCommitter::commit(const std::vector<std::string>& lines) {
    std::lock_guard<std::mutex> lock(git_mutex_);
    if (run_git(repo_, {"add", "-A", "--", "."}) != 0) {
        std::fprintf(stderr, "collector: git add failed in %s; will retry with the next commit\n", repo_.c_str());
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
    if (!remote_.empty()) run_git(repo_, {"push", "-q", remote_, "HEAD:refs/heads/main"});
}

}  // namespace collector
