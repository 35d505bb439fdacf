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

using Sources = std::map<std::string, std::vector<const std::vector<std::uint32_t>*>>;

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
void ranked_union(const std::vector<const std::vector<std::uint32_t>*>& lists, const std::vector<std::uint32_t>& rank,
                  std::vector<std::uint32_t>& ids, std::vector<char>& marks) {
    ids.clear();
    std::size_t total = 0;
    for (const auto* list : lists) total += list->size();
    if (total * 16 < rank.size()) {
        for (const auto* list : lists)
            for (const std::uint32_t id : *list) ids.push_back(rank[id]);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return;
    }
    marks.assign(rank.size(), 0);
    for (const auto* list : lists)
        for (const std::uint32_t id : *list) marks[rank[id]] = 1;
    for (std::size_t r = 0; r < marks.size(); ++r)
        if (marks[r]) ids.push_back(static_cast<std::uint32_t>(r));
}

std::string bucket_json(const std::vector<Sources::const_iterator>& keys, const std::vector<std::uint32_t>& rank) {
    std::string out = "{";
    std::vector<std::uint32_t> ids;
    std::vector<char> marks;
    for (const auto& it : keys) {
        ranked_union(it->second, rank, ids, marks);
        // Tokens are Han characters, a-z and 0-9 only: nothing to escape.
        out += (out.size() > 1 ? ",\"" : "\"") + it->first + "\":";
        append_gaps(out, ids);
    }
    return out + "}\n";
}

std::vector<SearchFile> bucket_files(const SearchPostings& postings, const std::vector<std::uint32_t>& rank, std::size_t& buckets) {
    const Sources keys = shard_keys(postings);
    std::size_t postings_count = 0;
    for (const auto& [key, lists] : keys)
        for (const auto* list : lists) postings_count += list->size();
    buckets = next_power_of_two(postings_count * kBytesPerPosting / kBucketBytes + 1);
    std::vector<std::vector<Sources::const_iterator>> in_bucket(buckets);
    for (auto it = keys.begin(); it != keys.end(); ++it) in_bucket[fnv1a(bucket_name(it->first)) & (buckets - 1)].push_back(it);
    std::vector<SearchFile> out(buckets);
    parallel_for(buckets, [&](std::size_t, std::size_t b) {
        out[b] = {common::search_shard_url(kTermsFolder, b), bucket_json(in_bucket[b], rank)};
    });
    return out;
}

void add_title_files(std::vector<SearchFile>& out, const std::vector<SearchDocument>& docs, const std::vector<std::uint32_t>& order) {
    for (std::size_t start = 0, file = 0; start < order.size(); start += kTitlesPerFile, ++file) {
        nlohmann::json runs = nlohmann::json::array();
        const std::string* previous = nullptr;
        for (std::size_t r = start; r < std::min(order.size(), start + kTitlesPerFile); ++r) {
            const std::string& title = docs[order[r]].title;
            if (previous && *previous == title) {
                runs.back()[1] = runs.back()[1].get<std::size_t>() + 1;
            } else {
                runs.push_back({title, 1});
            }
            previous = &title;
        }
        out.push_back({common::search_shard_url(kTitlesFolder, file), runs.dump() + "\n"});
    }
}

void add_doc_files(std::vector<SearchFile>& out, const std::vector<SearchDocument>& docs, const std::vector<std::uint32_t>& order) {
    for (std::size_t start = 0, file = 0; start < order.size(); start += kDocsPerFile, ++file) {
        nlohmann::json records = nlohmann::json::array();
        for (std::size_t r = start; r < std::min(order.size(), start + kDocsPerFile); ++r) {
            const SearchDocument& d = docs[order[r]];
            records.push_back({d.kind, d.url, d.date, d.excerpt, order[r]});
        }
        out.push_back({common::search_shard_url(kDocsFolder, file), records.dump() + "\n"});
    }
}

}  // namespace

std::vector<SearchFile> search_shard_files(const std::vector<SearchDocument>& docs, const SearchPostings& postings) {
    std::vector<std::uint32_t> order(docs.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return docs[a].title < docs[b].title; });
    std::vector<std::uint32_t> rank(docs.size());
    for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = static_cast<std::uint32_t>(r);

    std::size_t buckets = 0;
    std::vector<SearchFile> out = bucket_files(postings, rank, buckets);
    add_title_files(out, docs, order);
    add_doc_files(out, docs, order);
    const nlohmann::json manifest = {
        {"buckets", buckets},
        {"docs", docs.size()},
        {"docs_per_file", kDocsPerFile},
        {"files", {{"terms", kTermsFolder}, {"titles", kTitlesFolder}, {"docs", kDocsFolder}}},
        {"kinds", search_kind_labels()},
        {"titles_per_file", kTitlesPerFile},
    };
    out.push_back({common::search_shards_url() + "manifest.json", manifest.dump() + "\n"});
    return out;
}

}  // namespace gen
