#include "generator/search_postings.hpp"

#include <algorithm>

#include "generator/parallel.hpp"
#include "generator/search_tokens.hpp"

namespace gen {
namespace {

// The tokens of every document at once were the build's largest
// allocation (a token is a string of its own); a slice at a time keeps
// both cores busy and the memory to one slice's worth.
constexpr std::size_t kSliceDocs = 256;

}  // namespace

SearchPostings search_postings(const std::vector<SearchDocument>& docs) {
    SearchPostings postings;
    std::vector<std::vector<std::string>> tokens(std::min(kSliceDocs, docs.size()));
    for (std::size_t start = 0; start < docs.size(); start += kSliceDocs) {
        const std::size_t count = std::min(kSliceDocs, docs.size() - start);
        parallel_for(count, [&](std::size_t, std::size_t k) {
            const SearchDocument& d = docs[start + k];
            tokens[k] = search_tokens(d.title + " " + d.text);
        });
        // Documents in ascending order: a repeated token of the current one is
        // already the last id of its list (cheaper than sorting each document's tokens).
        for (std::size_t k = 0; k < count; ++k) {
            const auto id = static_cast<std::uint32_t>(start + k);
            for (auto& t : tokens[k]) {
                auto& list = postings[t];
                if (list.empty() || list.back() != id) list.push_back(id);
            }
            std::vector<std::string>().swap(tokens[k]);
        }
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
