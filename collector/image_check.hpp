#pragma once
// JPEG and PNG scans: decoded row by row, so that a damaged image is found
// where a viewer would fail, in the memory of one row.

#include <filesystem>

#include "collector/file_types.hpp"

namespace collector {

FileCheck check_jpeg(const std::filesystem::path& file);
FileCheck check_png(const std::filesystem::path& file);

}  // namespace collector
