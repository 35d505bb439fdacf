#include "generator/search_shards.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/urls.hpp"
#include "generator/parallel.hpp"
#include "generator/search_postings.hpp"

namespace gen {
namespace {

// About 4 KB once nginx compresses it: a query of four characters reads
// three buckets, and a bucket holds many keys besides the one it needs.
constexpr std::size_t kBucketBytes = 16384;
// Each title file is read whole for any document of it a query finds.
constexpr std::size_t kTitlesPerFile = 4096;
// The first hundred results, and those tied with them, are read from these.
constexpr std::size_t kDocsPerFile = 128;
// A posting costs about this many bytes in a bucket.
constexpr std::size_t kBytesPerPosting = 3;

const std::string kTermsFolder = "t", kTitlesFolder = "n", kDocsFolder = "d";

// The same hash as search.js's bucketOf: FNV-1a over the UTF-8 bytes.
std::uint32_t fnv1a(std::string_view s) {
    std::uint32_t h = 2166136261u;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

bool is_word(const std::string& key) { return static_cast<unsigned char>(key[0]) < 0x80; }

// What names a key's bucket: a word's first two letters, so that every word
// a query word begins is in one bucket.
std::string_view bucket_name(const std::string& key) {
    return is_word(key) && key.size() > 2 ? std::string_view(key).substr(0, 2) : std::string_view(key);
}

// The characters of a Han key: one or two, three or four bytes each.
std::vector<std::string> characters(const std::string& key) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < key.size();) {
        const auto c = static_cast<unsigned char>(key[i]);
        const std::size_t n = c >= 0xF0 ? 4 : 3;
        out.push_back(key.substr(i, n));
        i += n;
    }
    return out;
}

using Sources = std::map<std::string, std::vector<const PostingList*>>;

// Every key of the shards with the postings it is the union of.
Sources shard_keys(const SearchPostings& postings) {
    Sources out;
    for (const auto& [key, ids] : postings) {
        if (is_word(key)) {
            out[key.substr(0, 1)].push_back(&ids);
            if (key.size() > 1) out[key].push_back(&ids);
            continue;
        }
        const std::vector<std::string> chars = characters(key);
        for (std::size_t k = 0; k < chars.size(); ++k)
            if (k == 0 || chars[k] != chars[0]) out[chars[k]].push_back(&ids);
        if (chars.size() > 1) out[key].push_back(&ids);
    }
    return out;
}

std::size_t next_power_of_two(std::size_t n) {
    std::size_t p = 1;
    while (p < n) p <<= 1;
    return p;
}

// The union of a key's lists, renumbered by rank, ascending. A character's
// union gathers the lists of hundreds of pairs: marking ranks in a table of
// every document, then reading it in order, costs less than sorting them.
void ranked_union(const std::vector<const PostingList*>& lists, const std::vector<std::uint32_t>& rank,
                  std::vector<std::uint32_t>& ids, std::vector<char>& marks) {
    ids.clear();
    std::size_t total = 0;
    for (const auto* list : lists) total += list->size();
    if (total * 16 < rank.size()) {
        for (const auto* list : lists) list->each_id([&](std::uint32_t id) { ids.push_back(rank[id]); });
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return;
    }
    marks.assign(rank.size(), 0);
    for (const auto* list : lists) list->each_id([&](std::uint32_t id) { marks[rank[id]] = 1; });
    for (std::size_t r = 0; r < marks.size(); ++r)
        if (marks[r]) ids.push_back(static_cast<std::uint32_t>(r));
}

std::size_t files_for(std::size_t items, std::size_t per_file) { return (items + per_file - 1) / per_file; }

}  // namespace

SearchShards::SearchShards(const std::vector<SearchDocument>& docs, const SearchPostings& postings)
    : docs_(docs), order_(docs.size()), rank_(docs.size()), keys_(shard_keys(postings)) {
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) { return docs[a].title < docs[b].title; });
    for (std::size_t r = 0; r < order_.size(); ++r) rank_[order_[r]] = static_cast<std::uint32_t>(r);

    std::size_t postings_count = 0;
    for (const auto& [key, lists] : keys_)
        for (const auto* list : lists) postings_count += list->size();
    in_bucket_.resize(next_power_of_two(postings_count * kBytesPerPosting / kBucketBytes + 1));
    for (auto it = keys_.begin(); it != keys_.end(); ++it) in_bucket_[fnv1a(bucket_name(it->first)) & (in_bucket_.size() - 1)].push_back(it);
    title_files_ = files_for(order_.size(), kTitlesPerFile);
    doc_files_ = files_for(order_.size(), kDocsPerFile);

    for (std::size_t b = 0; b < in_bucket_.size(); ++b) paths_.push_back(common::search_shard_url(kTermsFolder, b));
    for (std::size_t f = 0; f < title_files_; ++f) paths_.push_back(common::search_shard_url(kTitlesFolder, f));
    for (std::size_t f = 0; f < doc_files_; ++f) paths_.push_back(common::search_shard_url(kDocsFolder, f));
    paths_.push_back(common::search_shards_url() + "manifest.json");
}

std::string SearchShards::json(std::size_t i) const {
    if (i < in_bucket_.size()) return bucket_json(i);
    i -= in_bucket_.size();
    if (i < title_files_) return titles_json(i);
    i -= title_files_;
    if (i < doc_files_) return docs_json(i);
    return manifest_json();
}

std::string SearchShards::bucket_json(std::size_t b) const {
    std::string out = "{";
    std::vector<std::uint32_t> ids;
    std::vector<char> marks;
    for (const auto& it : in_bucket_[b]) {
        ranked_union(it->second, rank_, ids, marks);
        // Tokens are Han characters, a-z and 0-9 only: nothing to escape.
        out += (out.size() > 1 ? ",\"" : "\"") + it->first + "\":";
        append_gaps(out, ids);
    }
    return out + "}\n";
}

std::string SearchShards::titles_json(std::size_t file) const {
    const std::size_t start = file * kTitlesPerFile;
    nlohmann::json runs = nlohmann::json::array();
    const std::string* previous = nullptr;
    for (std::size_t r = start; r < std::min(order_.size(), start + kTitlesPerFile); ++r) {
        const std::string& title = docs_[order_[r]].title;
        if (previous && *previous == title) {
            runs.back()[1] = runs.back()[1].get<std::size_t>() + 1;
        } else {
            runs.push_back({title, 1});
        }
        previous = &title;
    }
    return runs.dump() + "\n";
}

std::string SearchShards::docs_json(std::size_t file) const {
    const std::size_t start = file * kDocsPerFile;
    nlohmann::json records = nlohmann::json::array();
    for (std::size_t r = start; r < std::min(order_.size(), start + kDocsPerFile); ++r) {
        const SearchDocument& d = docs_[order_[r]];
        records.push_back({d.kind, d.url, d.date, d.excerpt, order_[r]});
    }
    return records.dump() + "\n";
}

std::string SearchShards::manifest_json() const {
    const nlohmann::json manifest = {
        {"buckets", in_bucket_.size()},
        {"docs", docs_.size()},
        {"docs_per_file", kDocsPerFile},
        {"files", {{"terms", kTermsFolder}, {"titles", kTitlesFolder}, {"docs", kDocsFolder}}},
        {"kinds", search_kind_labels()},
        {"titles_per_file", kTitlesPerFile},
    };
    return manifest.dump() + "\n";
}

}  // namespace gen
