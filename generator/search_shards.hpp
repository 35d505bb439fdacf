#pragma once
// The search index cut into files, so that a query fetches only the few it
// needs instead of search/index.json whole (search.js's searchShards reads
// them). Under search/shards/:
//
//   manifest.json  {"buckets": B, "docs": N, "docs_per_file": D, "files": {...},
//                   "kinds": {kind: label}}
//   t/<b>.json     {"p": {key: list}, "t": {key: list}, "e": {key: list}}:
//                  the keys whose bucket is b (fnv1a of the key, or of a
//                  word's first two letters, mod B): the documents whose
//                  title holds a key ("t") and those whose other text does
//                  ("p"), and those whose excerpt does ("e"); a list is
//                  [id, gap, ...] or, when it holds more than one document
//                  in 40, a bitmap of every document in base64
//   d/<k>.json     [[kind, title, url, date, excerpt, id], ...]: documents kD..
//
// Documents are numbered here newest first (then by their place in
// index.json, their "id" here): everything else a query is ranked by is in
// the buckets it reads, so it reads the records of the results it shows and
// no others. The keys are index.json's pairs and words of two letters or
// more, and, as search.js looks them up there: each Han character with every
// document of any key holding it, and each first letter with every document
// of any word it begins.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "generator/han_table.hpp"
#include "generator/search_index.hpp"

namespace gen {

// The files, each made only when it is written: held all at once, the
// shards of 10,000 notices (29 MB) sat on top of the postings they are cut
// from.
class SearchShards {
public:
    // Both must outlive this.
    SearchShards(const std::vector<SearchDocument>& docs, const SearchPostings& postings);

    // Files in a fixed order, their bytes fixed by the documents.
    std::size_t size() const { return paths_.size(); }
    const std::string& path(std::size_t i) const { return paths_[i]; }
    // Thread-safe.
    std::string json(std::size_t i) const;

    // The keys titles (or excerpts) hold, each with the numbers of the
    // documents holding it, ascending: a Han key by its code points (the
    // second 0 for a character alone), a word by itself.
    struct Held {
        HanTable<PostingList> han;
        std::unordered_map<std::string, PostingList> words;

        void add(const std::string& text, std::uint32_t number);
        // `later`'s numbers all come after this one's.
        void append(Held&& later);
        const PostingList* find(const std::string& key) const;
        // f(name, numbers) for each key, in no order.
        template <typename Fn>
        void each(Fn&& f) const;
    };
    // A key of a bucket with what lists it, each maybe none.
    struct Key {
        const std::string* name;
        const std::vector<const PostingList*>* sources;  // the postings it is the union of
        const PostingList* titles;
        const PostingList* excerpts;
    };

private:
    using Sources = std::map<std::string, std::vector<const PostingList*>>;

    std::string bucket_json(std::size_t b) const;
    std::string docs_json(std::size_t file) const;
    std::string manifest_json() const;

    const std::vector<SearchDocument>& docs_;
    std::vector<std::uint32_t> order_;  // document ids newest first
    std::vector<std::uint32_t> rank_;   // a document id's place in order_
    Sources keys_;                      // every key with the postings it is the union of
    Held in_titles_, in_excerpts_;
    std::deque<std::string> held_only_;  // the names of keys excerpts hold and no postings do
    std::vector<std::vector<Key>> in_bucket_;  // each bucket's keys, sorted
    std::size_t doc_files_ = 0;
    std::vector<std::string> paths_;
};

}  // namespace gen
