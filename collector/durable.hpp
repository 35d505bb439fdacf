#pragma once
// Writes that survive a crash: data reaches the disk before it is named.

#include <filesystem>
#include <string_view>

namespace collector {

// write to a temporary name, fsync, rename over `path`, fsync the directory.
void write_durably(const std::filesystem::path& path, std::string_view bytes);
void fsync_path(const std::filesystem::path& path);  // a file or a directory
void write_unsynced(const std::filesystem::path& path, std::string_view bytes);
// Creates or replaces `path` and fsyncs it (its directory entry is the caller's business).
void write_synced(const std::filesystem::path& path, std::string_view bytes);
// Random hex, for names no client chooses.
std::string random_token(std::size_t bytes);

}  // namespace collector
