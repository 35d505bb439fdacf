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
#include <string>
#include <vector>

#include "generator/search_index.hpp"

namespace gen {

struct SearchFile {
    std::string path;  // in public/
    std::string json;
};

// Files in a fixed order, their bytes fixed by the documents.
std::vector<SearchFile> search_shard_files(const std::vector<SearchDocument>& docs, const SearchPostings& postings);

}  // namespace gen
