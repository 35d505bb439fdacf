#pragma once
// The search index cut into files, so that a query fetches only the few it
// needs instead of search/index.json whole (search.js's searchShards reads
// them). Under search/shards/:
//
//   manifest.json  {"buckets": B, "docs": N, "docs_per_file": D, "files": {...},
//                   "kinds": {kind: label}, "titles_per_file": T}
//   t/<b>.json     {key: [id, gap, ...]}: the keys whose bucket is b (fnv1a
//                  of the key, or of a word's first two letters, mod B)
//   n/<k>.json     [[title, count], ...]: the titles of documents kT.. in runs
//   d/<k>.json     [[kind, url, date, excerpt, id], ...]: documents kD..
//
// Documents are numbered here in the order of their titles (then of their
// place in index.json, their "id" here), so that those a query ranks first,
// titled alike, sit in few files. The keys are index.json's pairs and words
// of two letters or more, and, as search.js looks them up there: each Han
// character with every document of any key holding it, and each first
// letter with every document of any word it begins.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

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

private:
    using Sources = std::map<std::string, std::vector<const PostingList*>>;

    std::string bucket_json(std::size_t b) const;
    std::string titles_json(std::size_t file) const;
    std::string docs_json(std::size_t file) const;
    std::string manifest_json() const;

    const std::vector<SearchDocument>& docs_;
    std::vector<std::uint32_t> order_;  // document ids in the order of their titles
    std::vector<std::uint32_t> rank_;   // a document id's place in order_
    Sources keys_;                      // every key with the postings it is the union of
    std::vector<std::vector<Sources::const_iterator>> in_bucket_;
    std::size_t title_files_ = 0, doc_files_ = 0;
    std::vector<std::string> paths_;
};

}  // namespace gen
