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

// The ids of the documents holding a token, ascending, each once, kept as
// index.json writes them: the first id, then the differences, here each in
// 7-bit groups (most take one byte). As 32-bit ids the postings of 10,000
// notices (6.8 million) were 27 MB, and more while they grew.
class PostingList {
public:
    // Ids come in ascending order; the last one again is ignored.
    void add(std::uint32_t id) {
        if (count_ && id == last_) return;
        put(id - last_);
        last_ = id;
        ++count_;
    }
    // `later`'s ids all come after this list's.
    void append(const PostingList& later);
    void shrink_to_fit() { bytes_.shrink_to_fit(); }
    std::size_t size() const { return count_; }
    // f(gap) for each id: the first id, then the differences.
    template <typename F>
    void each_gap(F&& f) const {
        for (std::size_t i = 0; i < bytes_.size();) f(get(i));
    }
    template <typename F>
    void each_id(F&& f) const {
        std::uint32_t id = 0;
        each_gap([&](std::uint32_t gap) { f(id += gap); });
    }

private:
    void put(std::uint32_t v) {
        for (; v >= 0x80; v >>= 7) bytes_.push_back(static_cast<unsigned char>(v | 0x80));
        bytes_.push_back(static_cast<unsigned char>(v));
    }
    std::uint32_t get(std::size_t& i) const {
        std::uint32_t v = 0;
        for (int shift = 0;; shift += 7) {
            const unsigned char b = bytes_[i++];
            v |= static_cast<std::uint32_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
    }

    std::vector<unsigned char> bytes_;
    std::uint32_t last_ = 0, count_ = 0;
};

// Token (search_tokens of a document's title and text) -> the documents
// holding it; search_postings makes it.
using SearchPostings = std::unordered_map<std::string, PostingList>;

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
