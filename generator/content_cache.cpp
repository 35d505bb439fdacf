#include "generator/content_cache.hpp"

#include <algorithm>

namespace gen {
namespace {

template <typename Map>
void erase_under(Map& kept, const std::string& path) {
    kept.erase(path);
    const std::string dir = path + "/";
    for (auto it = kept.lower_bound(dir); it != kept.end() && it->first.compare(0, dir.size(), dir) == 0;) it = kept.erase(it);
}

const std::string kContent = "content/";

// Whether the listing of content/ still holds after `path` changed: it was a
// listed file and still is a file, or it was not listed and is gone (an
// editor's temporary file, say).
bool listing_holds(const std::vector<std::string>& listing, const std::string& path, const std::filesystem::path& root) {
    if (path.compare(0, kContent.size(), kContent) != 0) return true;
    const bool listed = std::binary_search(listing.begin(), listing.end(), path.substr(kContent.size()));
    std::error_code ec;
    const auto status = std::filesystem::status(root / path, ec);
    if (listed) return std::filesystem::is_regular_file(status);
    return status.type() == std::filesystem::file_type::not_found;
}

}  // namespace

void ContentCache::forget(const std::set<std::string>& changed, const std::filesystem::path& root) {
    for (const std::string& path : changed) {
        erase_under(notices, path);
        erase_under(copies, path);
        if (listing && !listing_holds(*listing, path, root)) listing.reset();
    }
}

}  // namespace gen
