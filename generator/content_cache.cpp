#include "generator/content_cache.hpp"

namespace gen {
namespace {

template <typename Map>
void erase_under(Map& kept, const std::string& path) {
    kept.erase(path);
    const std::string dir = path + "/";
    for (auto it = kept.lower_bound(dir); it != kept.end() && it->first.compare(0, dir.size(), dir) == 0;) it = kept.erase(it);
}

}  // namespace

void ContentCache::forget(const std::set<std::string>& changed) {
    for (const std::string& path : changed) {
        erase_under(notices, path);
        erase_under(copies, path);
    }
}

}  // namespace gen
