#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace common {

// Whole file as bytes; throws SourceError naming `shown_path` when unreadable.
std::string read_file(const std::filesystem::path& path, const std::string& shown_path);

// Regular files under dir, as paths relative to dir with '/' separators,
// sorted; hidden files and directories and editor backups ("x~") left out.
std::vector<std::string> list_files(const std::filesystem::path& dir);

// True if `inner` is `outer` or lies inside it, symbolic links resolved: where
// personal data must not be written.
bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer);

}  // namespace common
