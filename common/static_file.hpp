#pragma once

#include <string>

namespace common {

// A file copied verbatim into the site: from content/ or a theme's static/.
struct StaticFile {
    std::string source_path;  // absolute, for the writer to copy
    std::string shown_path;   // relative to the site, for messages
    std::string out_path;     // relative to the output root
    unsigned long long size = 0;
};

}  // namespace common
