#include "collector/git_committer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

#include "collector/git_process.hpp"

namespace collector {
namespace fs = std::filesystem;

namespace {

const char* const kBranch = "refs/heads/main";
// The message of what a restart found that no record describes.
const char* const kLeftoverMessage = "补记 启动时未提交的文件\n";
const char* const kOwnFilesMessage = "更新 审计日志与访问码\n";

struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// fast-import takes a path as it is unless it starts with a quote or holds a line break.
std::string import_path(const std::string& path) {
    if (path.find('\n') == std::string::npos && (path.empty() || path[0] != '"')) return path;
    std::string out = "\"";
    for (char c : path) {
        if (c == '\n') out += "\\n";
        else if (c == '"' || c == '\\') out += std::string("\\") + c;
        else out += c;
    }
    return out + "\"";
}

// Git's raw date. Asia/Shanghai has kept +0800 all year since 1991.
std::string git_date(std::chrono::system_clock::time_point t) { return std::to_string(std::chrono::system_clock::to_time_t(t)) + " +0800"; }

// Angle brackets and line breaks would end git's name or address early.
std::string ident_part(std::string s) {
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '<' || c == '>' || c == '\n'; }), s.end());
    return s;
}

// The regular files a directory holds now, relative to the repository, sorted.
std::vector<std::string> files_under(const fs::path& repo, const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(repo / dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
        // Hidden names are what the collector writes on its way (temporary files), never records.
        if (it->path().filename().string()[0] == '.') {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && !it->is_symlink(ec)) files.push_back(it->path().lexically_relative(repo).string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// A file's bytes as fast-import takes them inline. It reads as many bytes as
// the file held when opened: audit.log may grow meanwhile.
bool feed_file(GitInput& in, const fs::path& repo, const std::string& path) {
    const Fd file{::open((repo / path).c_str(), O_RDONLY | O_CLOEXEC)};
    struct stat st;
    if (file.fd < 0 || ::fstat(file.fd, &st) != 0) return false;
    const char* mode = (st.st_mode & S_IXUSR) ? "100755" : "100644";
    if (!in.write(std::string("M ") + mode + " inline " + import_path(path) + "\ndata " + std::to_string(st.st_size) + "\n")) return false;
    char buf[65536];
    for (off_t left = st.st_size; left > 0;) {
        const ssize_t n = ::read(file.fd, buf, static_cast<std::size_t>(std::min<off_t>(left, sizeof buf)));
        if (n <= 0 || !in.write(std::string_view(buf, static_cast<std::size_t>(n)))) return false;
        left -= n;
    }
    return in.write("\n");
}

// One commit of the stream. A directory is removed and written again, so
// that the commit holds it as it is now; `files` gains the paths the index
// must follow.
bool feed_commit(GitInput& in, const fs::path& repo, const Commit& c, bool continues_branch, std::vector<std::string>& files) {
    std::string head = std::string("commit ") + kBranch + "\n";
    head += "author " + ident_part(c.author_name) + " <" + ident_part(c.author_email) + "> " + git_date(c.when) + "\n";
    head += std::string("committer ") + kCollectorName + " <" + kCollectorEmail + "> " + git_date(std::chrono::system_clock::now()) + "\n";
    head += "data " + std::to_string(c.message.size()) + "\n" + c.message + "\n";
    if (continues_branch) head += std::string("from ") + kBranch + "^0\n";
    if (!in.write(head)) return false;
    for (const std::string& path : c.paths) {
        std::error_code ec;
        const fs::file_status st = fs::symlink_status(repo / path, ec);
        if (fs::is_regular_file(st)) {
            files.push_back(path);
            if (!feed_file(in, repo, path)) return false;
            continue;
        }
        if (!in.write("D " + import_path(path) + "\n")) return false;
        if (!fs::exists(st)) files.push_back(path);
        if (!fs::is_directory(st)) continue;
        for (const std::string& file : files_under(repo, path)) {
            files.push_back(file);
            if (!feed_file(in, repo, file)) return false;
        }
    }
    return in.write("\n");
}

std::vector<std::string> split_nul(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t start = 0, end; (end = text.find('\0', start)) != std::string::npos; start = end + 1)
        out.push_back(text.substr(start, end - start));
    return out;
}

// What a restart found staged against the last commit (`git diff --cached
// --name-status -z`): a record (a version, an act) all of whose files are
// new gets its own commit, in the order they were made; a forward's commit
// holds its 申报汇总表, which then has none of its own. Anything else, a
// version changed after its commit included, goes into one commit of the
// collector's.
std::vector<Commit> leftover_commits(const std::vector<std::string>& name_status, const FoundRecord& found) {
    std::map<std::string, bool> records;  // by the record's path: all its files new
    Commit rest{kCollectorName, kCollectorEmail, std::chrono::system_clock::now(), kLeftoverMessage, {}};
    for (std::size_t i = 0; i + 1 < name_status.size(); i += 2) {
        const std::string& path = name_status[i + 1];
        const auto record = common::DataLayout::record_at(path);
        if (!record) {
            rest.paths.push_back(path);
            continue;
        }
        auto& all_new = records.try_emplace(*record, true).first->second;
        all_new = all_new && name_status[i] == "A";
    }
    std::vector<Commit> out;
    std::set<std::string> held;  // records committed with another
    for (const auto& [record, all_new] : records) {
        std::optional<Commit> commit = all_new ? found(record) : std::nullopt;
        if (!commit) {
            rest.paths.push_back(record);
            continue;
        }
        held.insert(commit->paths.begin() + 1, commit->paths.end());
        out.push_back(std::move(*commit));
    }
    out.erase(std::remove_if(out.begin(), out.end(), [&](const Commit& c) { return held.count(c.paths.front()) > 0; }), out.end());
    rest.paths.erase(std::remove_if(rest.paths.begin(), rest.paths.end(), [&](const std::string& p) { return held.count(p) > 0; }), rest.paths.end());
    std::stable_sort(out.begin(), out.end(), [](const Commit& a, const Commit& b) { return a.when < b.when; });
    if (!rest.paths.empty()) out.push_back(std::move(rest));
    return out;
}

// A git process killed with its collector leaves its locks behind
// (index.lock, refs/heads/main.lock); only one collector runs per data
// directory (SubmissionStore holds a flock), so they are stale.
void remove_stale_locks(const fs::path& repo) {
    // Give a git killed with our predecessor a moment to be gone first.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(repo / ".git", ec); it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->path().extension() == ".lock") fs::remove(it->path(), ec);
}

}  // namespace

GitCommitter::GitCommitter(fs::path repo, GitOptions options, const FoundRecord& found) : repo_(std::move(repo)), options_(std::move(options)) {
    if (!fs::exists(repo_ / ".git") && run_git(repo_, {"init", "-q", "-b", "main"}) != 0)
        throw std::runtime_error("git init failed in " + repo_.string());
    remove_stale_locks(repo_);
    branch_exists_ = run_git(repo_, {"rev-parse", "-q", "--verify", kBranch}) == 0;
    {
        std::lock_guard<std::mutex> git(git_mutex_);
        recover(found);
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

void GitCommitter::note(Commit commit) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_.push_back(std::move(commit));
    }
    wake_.notify_all();
}

// Holding git_mutex_ first waits for a batch the committer thread has
// already taken: flush returns only when every noted record is committed.
void GitCommitter::flush() { commit_pending(); }

void GitCommitter::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        const auto ready = [&] { return stopping_ || !pending_.empty(); };
        if (unpushed_) wake_.wait_for(lock, std::chrono::seconds(retry_seconds_.load()), ready);
        else wake_.wait(lock, ready);
        if (stopping_) return;
        if (pending_.empty()) {
            lock.unlock();
            retry_push();
            lock.lock();
            continue;
        }
        // Gather what arrives within a second into one batch.
        wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
        lock.unlock();
        commit_pending();
        lock.lock();
    }
}

void GitCommitter::commit_pending() {
    std::lock_guard<std::mutex> git(git_mutex_);
    std::vector<Commit> records;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        records.swap(pending_);
    }
    if (records.empty()) return;
    std::vector<Commit> batch = records;
    const OwnFiles own = own_files();
    if (!(own == own_committed_))
        batch.push_back({kCollectorName, kCollectorEmail, std::chrono::system_clock::now(), kOwnFilesMessage,
                         {common::DataLayout::kAuditLog, common::DataLayout::kAccessDir}});
    if (write(batch)) {
        own_committed_ = own;
        return;
    }
    // Kept, in order, ahead of what arrived meanwhile: the next batch tries again.
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.insert(pending_.begin(), std::make_move_iterator(records.begin()), std::make_move_iterator(records.end()));
}

void GitCommitter::recover(const FoundRecord& found) {
    const OwnFiles own = own_files();
    // The only look at the whole tree: what a killed run stored but never committed.
    std::optional<std::string> staged;
    if (run_git(repo_, {"add", "-A", "."}) == 0) staged = git_output(repo_, {"diff", "--cached", "--name-status", "--no-renames", "-z"});
    if (!staged) {
        std::fprintf(stderr, "collector: cannot tell what is uncommitted in %s; the next commits leave it so\n", repo_.c_str());
        return;
    }
    const std::vector<Commit> commits = leftover_commits(split_nul(*staged), found);
    if (commits.empty() || write(commits)) own_committed_ = own;
}

bool GitCommitter::write(const std::vector<Commit>& commits) {
    std::vector<std::string> files;
    const int status = run_git_feeding(repo_, {"fast-import", "--quiet", "--done"}, [&](GitInput& in) {
        for (std::size_t i = 0; i < commits.size(); ++i)
            if (!feed_commit(in, repo_, commits[i], i == 0 && branch_exists_, files)) return false;
        return in.write("done\n");
    });
    if (status != 0) {
        std::fprintf(stderr, "collector: git fast-import failed in %s (status %d); its %zu commits wait for the next batch\n", repo_.c_str(),
                     status, commits.size());
        return false;
    }
    branch_exists_ = true;
    update_index(files);
    // fast-import, unlike git commit, leaves packing loose objects to us;
    // in the foreground, so that it dies with the collector like every git child.
    run_git(repo_, {"-c", "gc.autoDetach=false", "gc", "--auto", "--quiet"});
    push();
    return true;
}

void GitCommitter::update_index(const std::vector<std::string>& files) {
    std::vector<std::string> all = std::move(unindexed_);
    all.insert(all.end(), files.begin(), files.end());
    const int status = run_git_feeding(repo_, {"update-index", "--add", "--remove", "-z", "--stdin"}, [&](GitInput& in) {
        for (const std::string& f : all)
            if (!in.write(std::string_view(f.c_str(), f.size() + 1))) return false;
        return true;
    });
    unindexed_.clear();
    if (status == 0) return;
    // Committed, but `git status` would show these files as changed until an update-index succeeds.
    std::fprintf(stderr, "collector: git update-index failed in %s (status %d); retried with the next batch\n", repo_.c_str(), status);
    unindexed_ = std::move(all);
}

void GitCommitter::push() {
    if (options_.remote.empty()) return;
    const int status = run_git(repo_, {"push", "-q", options_.remote, std::string(kBranch) + ":" + kBranch}, options_.push_limit);
    if (status == 0) {
        unpushed_ = false;
        retry_seconds_ = 0;
        return;
    }
    const long long last = retry_seconds_;
    retry_seconds_ = last == 0 ? options_.retry_first.count() : std::min<long long>(last * 2, options_.retry_most.count());
    unpushed_ = true;
    if (status == kGitTimedOut)
        std::fprintf(stderr, "collector: git push to %s stopped after %lld s without finishing; tried again in %lld s\n", options_.remote.c_str(),
                     static_cast<long long>(options_.push_limit.count()), retry_seconds_.load());
    else
        std::fprintf(stderr, "collector: git push to %s failed (status %d); tried again in %lld s\n", options_.remote.c_str(), status,
                     retry_seconds_.load());
}

void GitCommitter::retry_push() {
    std::lock_guard<std::mutex> git(git_mutex_);
    if (unpushed_) push();
}

GitCommitter::OwnFiles GitCommitter::own_files() const {
    std::error_code ec;
    OwnFiles now;
    now.audit_bytes = fs::file_size(repo_ / common::DataLayout::kAuditLog, ec);
    now.access_changed = fs::last_write_time(repo_ / common::DataLayout::kAccessDir, ec);
    return now;
}

}  // namespace collector
