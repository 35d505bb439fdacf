#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/diagnostic.hpp"
#include "common/urls.hpp"

namespace gen {

// A plan the preview keeps for its next build, and a digest of the
// additions (paths and sources, in order) that made it.
struct KeptPlan {
    std::uint64_t made_from = 0;
    std::unordered_map<std::string, std::string> owners;
    std::uint64_t paths_digest = 0;
};

// Every output path with the source that produces it: two sources for one
// path is an error, never a silent overwrite.
class OutputPlan {
public:
    explicit OutputPlan(common::Diagnostics& diags) : diags_(diags) {}
    void add(std::string path, const std::string& source) {
        const std::uint64_t digest = std::hash<std::string>{}(path);
        const auto [it, fresh] = owners_.try_emplace(std::move(path), source);
        if (!fresh) diags_.add(source, 0, 0, "output path public/" + it->first + " is also produced by " + it->second);
        else paths_digest_ ^= digest;
    }
    // The same whatever the order the paths came in: whether two plans name the same paths.
    std::uint64_t paths_digest() const { return paths_digest_; }
    void reserve(std::size_t paths) { owners_.reserve(paths); }
    bool has(const std::string& path) const { return owners_.count(path) > 0; }
    // Whether a site-relative link target is a planned output.
    bool resolves(const std::string& target) const { return has(common::output_path(target)); }
    std::size_t size() const { return owners_.size(); }

    // The plan the last build kept, made by the same additions as this one's
    // would be: taken whole instead of made again.
    void take(KeptPlan&& kept) {
        owners_ = std::move(kept.owners);
        paths_digest_ = kept.paths_digest;
    }
    // For the next build: this plan, less the paths added after those that
    // `made_from` digests.
    KeptPlan keep(std::uint64_t made_from, const std::vector<std::string>& later) {
        for (const std::string& path : later)
            if (owners_.erase(path)) paths_digest_ ^= std::hash<std::string>{}(path);
        return {made_from, std::move(owners_), paths_digest_};
    }

private:
    common::Diagnostics& diags_;
    std::unordered_map<std::string, std::string> owners_;
    std::uint64_t paths_digest_ = 0;
};

}  // namespace gen
