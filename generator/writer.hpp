#pragma once
// The only code that touches the output directory. Everything is written to
// a staging directory beside it, which replaces the output only when the
// whole build succeeded: a failed build leaves the old output as it was.

#include <filesystem>
#include <functional>
#include <string>
#include <mutex>
#include <string_view>
#include <unordered_set>

namespace gen {

class Writer {
public:
    // dry_run: accept and discard everything (generator check).
    Writer(std::filesystem::path out, bool dry_run);
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
    // Swaps the staging directory in place of the output directory.
    void commit();

private:
    void make_parents(const std::filesystem::path& target);
    void ensure_parent(const std::string& path);

    std::filesystem::path out_, staging_;
    bool dry_run_;
    bool committed_ = false;
    std::mutex dirs_mutex_;
    std::unordered_set<std::string> dirs_;  // directories known to exist in staging
};

}  // namespace gen
