#pragma once
// Git as a child of the collector: it never waits for a person, it dies
// with the collector, and one that outlives its time limit is killed with
// its own children (a push's ssh or http helper).

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collector {

// The collector's own name in git: the committer of every commit, and the
// author of what no unit or person did (its audit log, a restart's leftovers).
inline constexpr const char* kCollectorName = "collector";
inline constexpr const char* kCollectorEmail = "collector@collector.invalid";

// What run_git returns when git had to be killed at its time limit.
inline constexpr int kGitTimedOut = -2;

// Git's standard input, for a feed to write.
class GitInput {
public:
    explicit GitInput(int fd) : fd_(fd) {}
    // False once git has stopped reading (it exited or failed).
    bool write(std::string_view bytes);

private:
    int fd_;
};

// Git's exit status in `repo`; -1 when it could not start or died of a
// signal; kGitTimedOut past `limit` (zero: no limit).
int run_git(const std::filesystem::path& repo, const std::vector<std::string>& args, std::chrono::seconds limit = {});
// Runs git with `feed` writing its standard input; a feed that returns
// false leaves the input cut short, which git must take as a failure
// (fast-import --done does).
int run_git_feeding(const std::filesystem::path& repo, const std::vector<std::string>& args, const std::function<bool(GitInput&)>& feed);
// Git's standard output when it exits 0, else nothing.
std::optional<std::string> git_output(const std::filesystem::path& repo, const std::vector<std::string>& args);

}  // namespace collector
