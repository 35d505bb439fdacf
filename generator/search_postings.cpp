#include "generator/search_postings.hpp"

#include <algorithm>

#include "generator/parallel.hpp"
#include "generator/search_tokens.hpp"

namespace gen {
namespace {

// Postings of the documents [begin, end), one document's tokens at a time:
// held for every document at once, the tokens were the build's largest
// allocation (each is a string of its own).
SearchPostings postings_of(const std::vector<SearchDocument>& docs, std::size_t begin, std::size_t end) {
    SearchPostings postings;
    for (std::size_t id = begin; id < end; ++id) {
        const SearchDocument& d = docs[id];
        // Documents in ascending order: a repeated token of the current one is
        // already the last id of its list (cheaper than sorting each document's tokens).
        // A space separates tokens: the pieces cut one by one give the tokens
        // of title, text and parts joined by spaces.
        const auto add = [&](std::string_view t) {
            auto& list = postings[std::string(t)];
            if (list.empty() || list.back() != id) list.push_back(static_cast<std::uint32_t>(id));
        };
        each_search_token(d.title, add);
        each_search_token(d.text, add);
        for (const std::string_view part : d.parts) each_search_token(part, add);
    }
    return postings;
}

}  // namespace

SearchPostings search_postings(const std::vector<SearchDocument>& docs) {
    // A contiguous part of the documents for each core, so that each part's
    // lists are ascending and follow those of the part before.
    const std::size_t parts = worker_count(docs.size());
    std::vector<SearchPostings> part(parts);
    parallel_for(parts, [&](std::size_t, std::size_t p) {
        part[p] = postings_of(docs, docs.size() * p / parts, docs.size() * (p + 1) / parts);
    });
    SearchPostings postings = std::move(part[0]);
    for (std::size_t p = 1; p < parts; ++p) {
        for (auto& [token, ids] : part[p]) {
            auto& list = postings[token];
            list.insert(list.end(), ids.begin(), ids.end());
        }
        SearchPostings().swap(part[p]);
    }
    return postings;
}

void append_gaps(std::string& out, const std::vector<std::uint32_t>& ids) {
    out += '[';
    std::uint32_t previous = 0;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        if (k) out += ',';
        out += std::to_string(ids[k] - previous);
        previous = ids[k];
    }
    out += ']';
}

std::vector<const SearchPostings::value_type*> sorted_postings(const SearchPostings& postings) {
    std::vector<const SearchPostings::value_type*> sorted;
    sorted.reserve(postings.size());
    for (const auto& p : postings) sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    return sorted;
}

}  // namespace gen
