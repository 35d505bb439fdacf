#pragma once
// The only code that touches the output directory. Everything is written to
// a staging directory beside it, which replaces the output only when the
// whole build succeeded: a failed build leaves the old output as it was.
// Updating in place (the preview's rebuilds), only the files whose bytes
// changed are staged, then moved into the output one by one, and the
// files no longer written are removed.

#include <filesystem>
#include <functional>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace gen {

// A file of an output directory updated in place: a digest of its bytes
// (digest.hpp) as the last commit left it, and what the build under way
// does with it. Each build marks the files it writes or keeps with its own
// number, in place: its threads look the map up, and none grows it.
struct OutputFile {
    std::uint64_t digest = 0;
    std::uint64_t made_by = 0;      // the last build that wrote or kept it
    std::uint64_t next_digest = 0;  // its digest once that build commits
};

// What an output directory updated in place holds, by path.
struct OutputDigests {
    std::unordered_map<std::string, OutputFile> files;
    std::uint64_t builds = 0;  // begun: each build's number
    bool empty() const { return files.empty(); }
};

class Writer {
public:
    // dry_run: accept and discard everything (generator check).
    Writer(std::filesystem::path out, bool dry_run);
    // Updates `out`, which holds what `held` says, in place; commit() makes
    // `held` say what it holds then.
    Writer(std::filesystem::path out, OutputDigests& held);
    ~Writer();  // abandons the staging directory unless commit() ran
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // Both are thread-safe and create missing parent directories as they
    // go, so that directory creation (costly on ext4) runs in parallel with
    // rendering.
    // Throw std::runtime_error.
    void write(const std::string& path, std::string_view bytes);
    // A file too large to hold whole: `produce` hands its pieces, in order,
    // to the function it is given.
    using Pieces = std::function<void(const std::function<void(std::string_view)>&)>;
    void write_pieces(const std::string& path, const Pieces& produce);
    // `may_link`: a hard link instead of a copy is fine (the source is not
    // someone's record that an edit of the output could change).
    void copy(const std::string& path, const std::filesystem::path& from, bool may_link = true);
    // Updating in place: whether `path` is in the output as the last commit
    // left it, and, if so, keeps it there without writing it. Thread-safe.
    bool keep(const std::string& path);
    // Updating in place, and not the first build: moves the files staged so
    // far into the output now, so that readers see them before the build
    // ends. Files written later, and the removals, wait for commit().
    void publish_staged();
    // Swaps the staging directory in place of the output directory, or,
    // updating in place, moves the staged files into it and removes those
    // neither written nor kept.
    void commit();

private:
    void make_staging();
    void ensure_parent(const std::string& path);
    // Updating in place: records the file's digest; whether it must be written.
    bool differs(const std::string& path, std::uint64_t digest);
    void commit_in_place();
    void move_staged();

    std::filesystem::path out_, staging_;
    bool dry_run_;
    bool committed_ = false;
    std::mutex dirs_mutex_;
    std::unordered_set<std::string> dirs_;  // directories known to exist in staging
    OutputDigests* held_ = nullptr;  // updating in place
    std::uint64_t build_ = 0;        // this build's number in held_
    std::mutex next_mutex_;
    std::unordered_map<std::string, std::uint64_t> added_;  // files held_ does not have, by digest
    std::unordered_set<std::string> staged_;
};

}  // namespace gen
