#pragma once
// DOC and WPS uploads: Microsoft's compound file format (MS-CFB), a small
// file system of sectors chained by a FAT. A reader follows those chains;
// one that leads outside the file or round in a loop cannot be opened.

#include <filesystem>
#include <string>

#include "collector/file_types.hpp"

namespace collector {

// `ext`: doc or wps, as the name claims. An Office file encrypted with a
// password is a compound file too (whatever its name), and is refused.
FileCheck check_compound_file(const std::filesystem::path& file, const std::string& ext);

}  // namespace collector
