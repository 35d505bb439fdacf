#pragma once
// The site's search index (search/index.json), made only from what the
// site publishes: notices, the topic guide, quota tables, published lists,
// forms and the files offered for download. Never from submissions.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "generator/site_model.hpp"

namespace gen {

struct SearchDocument {
    std::string kind;     // notice, guide, topic, quota, county, list, unit, form, file
    std::string title;
    std::string url;      // relative to the base path, maybe with a #fragment
    std::string date;     // YYYY-MM-DD, empty when the thing has none
    std::string excerpt;  // shown under the title in the results
    std::string text;     // indexed with the title, never shipped
    // Indexed as if appended to `text`, each after a space: a notice's body
    // text and fields, read where the site holds them. Copied into `text`,
    // the notices' words were the build's largest allocation.
    std::vector<std::string_view> parts;
};

// Token (search_tokens of a document's title and text) -> the ids of the
// documents holding it, ascending, each once; search_postings makes it.
using SearchPostings = std::unordered_map<std::string, std::vector<std::uint32_t>>;

// Everything worth finding, in a fixed order: notices as the site orders
// them, then data pages with their topics, rows and entries, then forms,
// then downloads.
std::vector<SearchDocument> search_documents(const Site& site, const std::map<std::string, std::vector<Download>>& downloads);

// {"kinds": {kind: label}, "docs": [[kind, title, url, date, excerpt], ...],
//  "postings": {token: [id, gap, gap, ...]}}: documents are numbered by
// their place in "docs"; each token (search_tokens) lists the documents
// holding it in ascending order, as the first id and then the differences,
// which keeps long lists short. Keys sorted, no spaces: the same site
// always gives the same bytes.
// Handed to `write` in pieces of some kilobytes, each ending after a closing
// bracket: whole, at 10,000 notices, it was 22 MB held on top of the postings.
void search_index_json(const std::vector<SearchDocument>& docs, const SearchPostings& postings,
                       const std::function<void(std::string_view)>& write);

// What result lists call each kind.
const std::map<std::string, std::string>& search_kind_labels();

}  // namespace gen
