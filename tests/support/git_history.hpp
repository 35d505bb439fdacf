#pragma once
// A data directory's git history as tests read it.

#include <filesystem>
#include <string>
#include <vector>

namespace testing {

// Output of `git -C repo <args>`, standard error included; `args` as a shell would split them.
std::string git_in(const std::filesystem::path& repo, const std::string& args);

struct LoggedCommit {
    std::string author, committer;     // "name <email>"
    std::string author_date;           // strict ISO 8601: 2021-01-10T10:00:01+08:00
    std::string subject;
    std::string record, version;       // its trailers Record and Version, or empty
    std::vector<std::string> paths;    // every file it changes (git show --name-only)
};

// Every commit of HEAD, oldest first.
std::vector<LoggedCommit> git_history(const std::filesystem::path& repo);
// Only those holding a record (a Record trailer), oldest first.
std::vector<LoggedCommit> record_commits(const std::filesystem::path& repo);

}  // namespace testing
