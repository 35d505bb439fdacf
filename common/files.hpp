#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace common {

// Whole file as bytes; throws SourceError naming `shown_path` when unreadable.
std::string read_file(const std::filesystem::path& path, const std::string& shown_path);

// Creates or truncates `path` and writes all of `bytes`. The first returns
// the open descriptor, for the caller to fsync and close. Both throw
// std::runtime_error naming the file.
int create_and_write(const std::filesystem::path& path, std::string_view bytes);
void write_file(const std::filesystem::path& path, std::string_view bytes);

// Regular files under dir, as paths relative to dir with '/' separators,
// sorted; hidden files and directories and editor backups ("x~") left out.
std::vector<std::string> list_files(const std::filesystem::path& dir);

class Diagnostics;

// The same for a folder of the site (content/, data/, a theme): only what
// the site itself holds may be published, so each symbolic link that leads
// outside `site_root` (or nowhere) and each fifo, socket or device is an
// error at `shown_dir` + its relative path, and is left out.
std::vector<std::string> list_site_files(const std::filesystem::path& dir, const std::filesystem::path& site_root,
                                         const std::string& shown_dir, Diagnostics& diags);

// True if `inner` is `outer` or lies inside it, symbolic links resolved: where
// personal data must not be written.
bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer);

}  // namespace common
