#include "generator/search_shards.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <numeric>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/base64.hpp"
#include "common/urls.hpp"
#include "common/utf8.hpp"
#include "generator/parallel.hpp"
#include "generator/search_postings.hpp"
#include "generator/search_tokens.hpp"

namespace gen {
namespace {

// About 4 KB once nginx compresses it: a query of four characters reads
// three buckets, and a bucket holds many keys besides the one it needs.
constexpr std::size_t kBucketBytes = 16384;
// A query reads the records of the results it shows, each in a file of its
// own at worst: at 10,000 notices about 2 KB once nginx compresses it.
constexpr std::size_t kDocsPerFile = 24;
// A posting costs about this many bytes in a bucket.
constexpr std::size_t kBytesPerPosting = 3;

const std::string kTermsFolder = "t", kDocsFolder = "d";

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

// Each key of a text's tokens as search.js's tokensHold finds it: a pair as
// itself, a character in any piece, a word whole and as its first letter.
struct TextKeys final : TokenSink {
    std::vector<std::uint64_t> hans;
    std::vector<std::string> words;
    void han(char32_t first, char32_t second) override {
        hans.push_back(han_key(first, 0));
        if (!second) return;
        hans.push_back(han_key(second, 0));
        hans.push_back(han_key(first, second));
    }
    void word(std::string_view w) override {
        words.emplace_back(w.substr(0, 1));
        if (w.size() > 1) words.emplace_back(w);
    }
};

template <typename T>
void sort_unique(std::vector<T>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Ascending numbers: as gaps, or where a list holds more than one document
// in kDenseShare, as a bitmap of every document (bit n % 8 of byte n / 8),
// in base64; gzip makes either about as small as such a list can be.
constexpr std::size_t kDenseShare = 40;

template <typename EachNumber>
void append_bitmap(std::string& out, EachNumber&& each_number, std::size_t documents) {
    std::string bits((documents + 7) / 8, '\0');
    each_number([&](std::uint32_t n) { bits[n / 8] = static_cast<char>(bits[n / 8] | (1 << (n % 8))); });
    out.append("\"").append(common::to_base64(bits)).append("\"");
}

void append_numbers(std::string& out, const std::vector<std::uint32_t>& numbers, std::size_t documents) {
    if (numbers.size() * kDenseShare <= documents) return append_gaps(out, numbers);
    append_bitmap(out, [&](const auto& f) { std::for_each(numbers.begin(), numbers.end(), f); }, documents);
}

void append_numbers(std::string& out, const PostingList& numbers, std::size_t documents) {
    if (numbers.size() * kDenseShare <= documents) return append_gaps(out, numbers);
    append_bitmap(out, [&](const auto& f) { numbers.each_id(f); }, documents);
}

// "key":list for each key of the bucket that has the list.
void append_lists(std::string& out, const std::vector<SearchShards::Key>& keys, const PostingList* SearchShards::Key::*list,
                  std::size_t documents) {
    const char* comma = "";
    for (const SearchShards::Key& key : keys)
        if (key.*list) {
            out.append(std::exchange(comma, ",")).append("\"").append(*key.name).append("\":");
            append_numbers(out, *(key.*list), documents);
        }
}

}  // namespace

// Without a string for each token: the titles and excerpts of 10,000
// notices cut into millions.
void SearchShards::Held::add(const std::string& text, std::uint32_t number) {
    TextKeys keys;
    each_search_token(text, keys);
    sort_unique(keys.hans);
    sort_unique(keys.words);
    for (const std::uint64_t code : keys.hans) han[code].add(number);
    for (const std::string& w : keys.words) words[w].add(number);
}

void SearchShards::Held::append(Held&& later) {
    if (han.empty()) han = std::move(later.han);
    else later.han.each([&](std::uint64_t key, const PostingList& list) { han[key].append(list); });
    if (words.empty()) words.swap(later.words);
    else for (const auto& [key, list] : later.words) words[key].append(list);
    later = Held();
}

const PostingList* SearchShards::Held::find(const std::string& key) const {
    if (is_word(key)) {
        const auto it = words.find(key);
        return it == words.end() ? nullptr : &it->second;
    }
    std::size_t i = 0;
    const char32_t first = common::next_code_point(key, i);
    const char32_t second = i < key.size() ? common::next_code_point(key, i) : 0;
    return han.find(han_key(first, second));
}

template <typename Fn>
void SearchShards::Held::each(Fn&& f) const {
    han.each([&](std::uint64_t key, const PostingList& list) { f(han_token(key), list); });
    for (const auto& [w, list] : words) f(w, list);
}

namespace {

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
    std::stable_sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) { return docs[a].date > docs[b].date; });
    for (std::uint32_t r = 0; r < order_.size(); ++r) rank_[order_[r]] = r;
    // A contiguous part of the numbers for each core, so that each part's
    // lists follow those of the part before.
    const std::size_t parts = worker_count(order_.size());
    std::vector<Held> titles(parts), excerpts(parts);
    parallel_for(parts, [&](std::size_t, std::size_t p) {
        for (std::size_t r = order_.size() * p / parts; r < order_.size() * (p + 1) / parts; ++r) {
            titles[p].add(docs[order_[r]].title, static_cast<std::uint32_t>(r));
            excerpts[p].add(docs[order_[r]].excerpt, static_cast<std::uint32_t>(r));
        }
    });
    for (std::size_t p = 0; p < parts; ++p) {
        in_titles_.append(std::move(titles[p]));
        in_excerpts_.append(std::move(excerpts[p]));
    }

    std::size_t postings_count = 0;
    for (const auto& [key, lists] : keys_)
        for (const auto* list : lists) postings_count += list->size();
    in_bucket_.resize(next_power_of_two(postings_count * kBytesPerPosting / kBucketBytes + 1));
    auto place = [&](const Key& key) { in_bucket_[fnv1a(bucket_name(*key.name)) & (in_bucket_.size() - 1)].push_back(key); };
    for (const auto& [name, sources] : keys_) place({&name, &sources, in_titles_.find(name), in_excerpts_.find(name)});
    // Keys of no document's postings: a title is indexed with its document,
    // but an excerpt not always (a file's size, a guide's topics).
    in_excerpts_.each([&](const std::string& name, const PostingList& list) {
        if (!keys_.count(name)) place({&held_only_.emplace_back(name), nullptr, nullptr, &list});
    });
    for (auto& keys : in_bucket_) std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return *a.name < *b.name; });
    doc_files_ = files_for(order_.size(), kDocsPerFile);

    for (std::size_t b = 0; b < in_bucket_.size(); ++b) paths_.push_back(common::search_shard_url(kTermsFolder, b));
    for (std::size_t f = 0; f < doc_files_; ++f) paths_.push_back(common::search_shard_url(kDocsFolder, f));
    paths_.push_back(common::search_shards_url() + "manifest.json");
}

std::string SearchShards::json(std::size_t i) const {
    if (i < in_bucket_.size()) return bucket_json(i);
    i -= in_bucket_.size();
    if (i < doc_files_) return docs_json(i);
    return manifest_json();
}

std::string SearchShards::bucket_json(std::size_t b) const {
    const std::vector<Key>& keys = in_bucket_[b];
    // Tokens are Han characters, a-z and 0-9 only: nothing to escape.
    std::string out = "{\"p\":{";
    std::vector<std::uint32_t> ids, in_text, titled;
    std::vector<char> marks;
    const char* comma = "";
    for (const Key& key : keys) {
        if (!key.sources) continue;
        ranked_union(*key.sources, rank_, ids, marks);
        // Those whose title holds it are listed in "t".
        in_text.clear();
        if (key.titles) {
            titled.clear();
            key.titles->each_id([&](std::uint32_t n) { titled.push_back(n); });
            std::set_difference(ids.begin(), ids.end(), titled.begin(), titled.end(), std::back_inserter(in_text));
        } else {
            in_text.swap(ids);
        }
        out.append(std::exchange(comma, ",")).append("\"").append(*key.name).append("\":");
        append_numbers(out, in_text, docs_.size());
    }
    out += "},\"t\":{";
    append_lists(out, keys, &Key::titles, docs_.size());
    out += "},\"e\":{";
    append_lists(out, keys, &Key::excerpts, docs_.size());
    return out + "}}\n";
}

std::string SearchShards::docs_json(std::size_t file) const {
    const std::size_t start = file * kDocsPerFile;
    nlohmann::json records = nlohmann::json::array();
    for (std::size_t r = start; r < std::min(order_.size(), start + kDocsPerFile); ++r) {
        const SearchDocument& d = docs_[order_[r]];
        records.push_back({d.kind, d.title, d.url, d.date, d.excerpt, order_[r]});
    }
    return records.dump() + "\n";
}

std::string SearchShards::manifest_json() const {
    const nlohmann::json manifest = {
        {"buckets", in_bucket_.size()},
        {"docs", docs_.size()},
        {"docs_per_file", kDocsPerFile},
        {"files", {{"terms", kTermsFolder}, {"docs", kDocsFolder}}},
        {"kinds", search_kind_labels()},
    };
    return manifest.dump() + "\n";
}

}  // namespace gen
