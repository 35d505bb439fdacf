#pragma once
// The only code that touches the output directory. Everything is written to
// a staging directory beside it, which replaces the output only when the
// whole build succeeded: a failed build leaves the old output as it was.

#include <filesystem>
#include <set>
#include <string>
#include <string_view>

namespace gen {

class Writer {
public:
    // dry_run: accept and discard everything (generator check).
    Writer(std::filesystem::path out, bool dry_run);
    ~Writer();  // abandons the staging directory unless commit() ran
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // Creates every parent directory the given output paths need; call
    // before writing from several threads.
    void prepare(const std::set<std::string>& paths);
    // Thread-safe once prepare() has seen the path. Throws std::runtime_error.
    void write(const std::string& path, std::string_view bytes);
    void copy(const std::string& path, const std::filesystem::path& from);
    // Swaps the staging directory in place of the output directory.
    void commit();

private:
    std::filesystem::path out_, staging_;
    bool dry_run_;
    bool committed_ = false;
};

}  // namespace gen
