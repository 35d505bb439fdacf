#pragma once
// Builds small sites in temporary directories for tests.

#include <filesystem>
#include <map>
#include <string>

#include "generator/build.hpp"

namespace testing {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Writes files given as "-- path --\n<content>" sections (txtar-like) under root.
void write_tree(const std::filesystem::path& root, const std::string& txtar);

// A site in a temp dir: the project's theme, minimal config and data, plus
// the given files (which may replace any of those).
class TinySite {
public:
    explicit TinySite(const std::string& txtar = "");
    const std::filesystem::path& root() const { return dir_.path(); }
    std::filesystem::path out() const { return dir_.path() / "public"; }
    void write(const std::string& txtar) const { write_tree(root(), txtar); }
    gen::BuildResult build(const std::string& today = "") const;
    gen::BuildOptions options() const;  // what build() uses, to adjust
    gen::BuildResult check() const;
    std::string read(const std::string& out_path) const;  // a file under public/
    bool exists(const std::string& out_path) const;

private:
    TempDir dir_;
};

// Every diagnostic, one per line, as the CLI prints them.
std::string errors_text(const gen::BuildResult& r);

// Whether `text` holds both parts, `first` before `then`: an order check
// that a missing part fails.
bool in_order(const std::string& text, const std::string& first, const std::string& then);

std::string read_file(const std::filesystem::path& p);
// Every file under dir, path -> bytes.
std::map<std::string, std::string> read_tree(const std::filesystem::path& dir);

}  // namespace testing
