#pragma once
// Uploads of the types the collector takes, made for tests with the same
// libraries a reader uses: a scan as JPEG and PNG, a compound file as Word
// 97 writes one.

#include <string>
#include <vector>

namespace testing {

// A grey gradient of the given size.
std::string tiny_jpeg(unsigned width = 64, unsigned height = 48);
std::string tiny_png(unsigned width = 64, unsigned height = 48);

// A compound file (MS-CFB, version 3) whose directory holds a root and one
// stream entry per name, each empty; `fat_loop` makes the directory's FAT
// chain point at itself, as a damaged file's may.
std::string compound_file(const std::vector<std::string>& streams, bool fat_loop = false);

}  // namespace testing
