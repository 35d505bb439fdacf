#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/diagnostic.hpp"
#include "generator/content_cache.hpp"
#include "generator/personal_check.hpp"
#include "generator/site_model.hpp"

namespace gen {

// Reads content/: notices into site.notices (unsorted), other files into
// site.static_files. Every text is scanned for personal data. Problems go
// to diags; a broken notice is left out. What `kept` holds is taken from
// it instead of read again (the preview's rebuilds).
struct LoadedContent {
    std::shared_ptr<const std::vector<std::string>> listing;  // content/'s files, as ContentCache::listing keeps them
    std::vector<bool> kept_copies;     // per site.static_files: as `kept` had it, unchanged since
};
LoadedContent load_content(const std::filesystem::path& site_root, Site& site, PersonalDataCheck& personal,
                           common::Diagnostics& diags, const ContentCache* kept = nullptr);

}  // namespace gen
