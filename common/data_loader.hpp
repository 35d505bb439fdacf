#pragma once
// The one reader of data/, for both programs.

#include <filesystem>
#include <functional>

#include "common/diagnostic.hpp"
#include "common/json_file.hpp"
#include "common/site_data.hpp"

namespace common {

// Reads every file under <site_root>/data. A file with a problem, and a
// file data/ does not know, is reported in diags and left out. `on_read`
// sees each file as it is read (the generator scans it for personal data).
SiteData load_site_data(const std::filesystem::path& site_root, Diagnostics& diags,
                        const std::function<void(const JsonFile&)>& on_read = {});

}  // namespace common
