#pragma once
// Which documents hold each token: what both forms of the search index
// (search/index.json and its shards) are made of.

#include <string>
#include <vector>

#include "generator/search_index.hpp"

namespace gen {

// Ids are places in `docs`.
SearchPostings search_postings(const std::vector<SearchDocument>& docs);

// Appends an ascending list as JSON: the first id, then the differences.
void append_gaps(std::string& out, const std::vector<std::uint32_t>& ids);
// The same, of a list as it is kept: its gaps as they are.
void append_gaps(std::string& out, const PostingList& list);

// The postings' keys in byte order, for output that never depends on hashing.
std::vector<const SearchPostings::value_type*> sorted_postings(const SearchPostings& postings);

}  // namespace gen
