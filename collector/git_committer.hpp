#pragma once
// Turns each stored record into its own git commit, for review: its author
// is who acted, its message says what happened to which version
// (docs/records.md, "Commits"), and it holds that record's paths only.
// Commits trail the acts by about a second and keep their order; durability
// comes from fsync, not from git. A restart first commits what a previous
// run left uncommitted.
//
// Commits are written in batches, by two git processes whatever the
// batch's size: one `git fast-import` stream holds every commit, each with
// its files inline, onto refs/heads/main (fast-import keeps a small batch's
// objects loose and puts a large one's in one pack); then one `git
// update-index --add --remove --stdin` of exactly those files brings the
// index in line and records their stat data, so that `git status` stays
// cheap (it rehashes them, but finds every blob written). `git add` and
// `git commit` per record cost two processes and an index refresh each: 3.3
// s for 100 records in a shell loop, against 0.1-0.5 s here
// (tests/collector_git_test.cpp, [.bench]). Not chosen: `hash-object -w
// --stdin-paths` first, a process and a two-way pipe to learn blob ids that
// inline data does without; `git reset -q`, which refreshes the whole index;
// `read-tree`, which leaves new entries without stat data for the next
// `git status` to rehash.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/data_layout.hpp"

namespace collector {

// One record's commit.
struct Commit {
    // Who acted: a unit (its name, `<unit-id@units.invalid>`), a person, or
    // the collector itself; never a real address or a phone number.
    std::string author_name, author_email;
    std::chrono::system_clock::time_point when;  // of the act: the author date
    std::string message;                         // docs/records.md, "Commits"
    // Relative to the repository: a file; a directory, which stands for the
    // files in it now (hidden names aside); a missing path, for its removal.
    std::vector<std::string> paths;
};

// How a record found uncommitted at a restart is committed, given the path of
// its version's directory or its act's file (DataLayout::record_at); nothing
// when it cannot be told (its paths go into the collector's own commit instead).
using FoundRecord = std::function<std::optional<Commit>(const std::string& record)>;

struct GitOptions {
    std::string remote;  // a git remote (name, path or URL) pushed after each batch; empty: none
    // A push still running then is stopped and logged; the next one carries its commits.
    std::chrono::seconds push_limit{60};
    // A failed push is tried again after retry_first, then after twice as
    // long each time up to retry_most, until one succeeds, whether or not
    // new records arrive meanwhile: the remote catches up by itself.
    std::chrono::seconds retry_first{5};
    std::chrono::seconds retry_most{300};
};

class GitCommitter {
public:
    // Initialises the repository if needed, then commits what a previous run
    // left: each record (a version, an act) as `found` describes it, in the
    // order they were made, then everything else as the collector's.
    GitCommitter(std::filesystem::path repo, GitOptions options, const FoundRecord& found);
    ~GitCommitter();  // commits what is pending, then stops

    // A record stored durably, for its own commit in the next batch.
    void note(Commit commit);
    // Commits now whatever is pending (for shutdown and tests).
    void flush();

private:
    // The state of the collector's own files (audit.log, access/) when they
    // were last committed: a batch commits them again only if they changed.
    struct OwnFiles {
        std::uintmax_t audit_bytes = 0;
        std::filesystem::file_time_type access_changed{};
        bool operator==(const OwnFiles& o) const { return audit_bytes == o.audit_bytes && access_changed == o.access_changed; }
    };

    void run();
    void commit_pending();  // takes git_mutex_
    void recover(const FoundRecord& found);
    // Callers hold git_mutex_. False: nothing was committed.
    bool write(const std::vector<Commit>& commits);
    void update_index(const std::vector<std::string>& files);
    void push();        // callers hold git_mutex_
    void retry_push();  // takes git_mutex_
    OwnFiles own_files() const;

    std::filesystem::path repo_;
    GitOptions options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Commit> pending_;
    bool stopping_ = false;
    // What the last push left: read by run() under mutex_, written under git_mutex_.
    std::atomic<bool> unpushed_{false};
    std::atomic<long long> retry_seconds_{0};
    std::mutex git_mutex_;  // one batch in git at a time; taken before mutex_
    bool branch_exists_ = false;
    OwnFiles own_committed_;
    std::vector<std::string> unindexed_;  // committed files whose index update failed, for the next one
    std::thread thread_;
};

}  // namespace collector
