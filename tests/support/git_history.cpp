#include "support/git_history.hpp"

#include <cstdio>
#include <memory>
#include <sstream>

namespace testing {

std::string git_in(const std::filesystem::path& repo, const std::string& args) {
    const std::string cmd = "git -C '" + repo.string() + "' " + args + " 2>&1";
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> p(::popen(cmd.c_str(), "r"), &::pclose);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p.get())) > 0;) out.append(buf, n);
    return out;
}

namespace {

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) parts.push_back(part);
    return parts;
}

}  // namespace

std::vector<LoggedCommit> git_history(const std::filesystem::path& repo) {
    // Fields apart by \x1f, commits by \x1e; the names of the files follow each.
    const std::string log = git_in(repo,
                                   "log --reverse --name-only '--format=%x1e%an <%ae>%x1f%cn <%ce>%x1f%aI%x1f%s%x1f"
                                   "%(trailers:key=Record,valueonly,separator=)%x1f%(trailers:key=Version,valueonly,separator=)%x1f'");
    std::vector<LoggedCommit> commits;
    for (const std::string& entry : split(log, '\x1e')) {
        const std::vector<std::string> f = split(entry, '\x1f');
        if (f.size() < 7) continue;
        LoggedCommit c{f[0], f[1], f[2], f[3], f[4], f[5], {}};
        for (const std::string& path : split(f[6], '\n'))
            if (!path.empty()) c.paths.push_back(path);
        commits.push_back(std::move(c));
    }
    return commits;
}

std::vector<LoggedCommit> record_commits(const std::filesystem::path& repo) {
    std::vector<LoggedCommit> out;
    for (LoggedCommit& c : git_history(repo))
        if (!c.record.empty()) out.push_back(std::move(c));
    return out;
}

}  // namespace testing
