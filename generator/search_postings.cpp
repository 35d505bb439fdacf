#include "generator/search_postings.hpp"

#include <algorithm>

#include "generator/han_table.hpp"
#include "generator/parallel.hpp"
#include "generator/search_tokens.hpp"

namespace gen {
namespace {

using Ids = PostingList;

// Postings of the documents [begin, end), one document's tokens at a time:
// held for every document at once, the tokens were the build's largest
// allocation (each is a string of its own).
struct PartPostings final : TokenSink {
    HanTable<Ids> han_lists;
    std::unordered_map<std::string, Ids> word_lists;
    std::uint32_t id = 0;  // the document being cut

    // Documents in ascending order: a repeated token of the current one is
    // already the last id of its list (cheaper than sorting each document's tokens).
    void add(Ids& list) const { list.add(id); }
    void han(char32_t first, char32_t second) override { add(han_lists[han_key(first, second)]); }
    void word(std::string_view w) override { add(word_lists[std::string(w)]); }
};

void postings_of(const std::vector<SearchDocument>& docs, std::size_t begin, std::size_t end, PartPostings& part) {
    for (std::size_t id = begin; id < end; ++id) {
        const SearchDocument& d = docs[id];
        part.id = static_cast<std::uint32_t>(id);
        // A space separates tokens: the pieces cut one by one give the tokens
        // of title, text and parts joined by spaces.
        each_search_token(d.title, part);
        each_search_token(d.text, part);
        for (const std::string_view p : d.parts) each_search_token(p, part);
    }
}

// Each part's lists follow those of the part before.
void append_list(Ids& into, Ids& from) {
    if (!into.size()) into = std::move(from);
    else into.append(from);
}

void append_lists(HanTable<Ids>& into, HanTable<Ids>& from) {
    from.each([&](std::uint64_t key, Ids& ids) { append_list(into[key], ids); });
    from = HanTable<Ids>();
}

void append_lists(std::unordered_map<std::string, Ids>& into, std::unordered_map<std::string, Ids>& from) {
    for (auto& [key, ids] : from) append_list(into[key], ids);
    std::unordered_map<std::string, Ids>().swap(from);
}

}  // namespace

SearchPostings search_postings(const std::vector<SearchDocument>& docs) {
    // A contiguous part of the documents for each core, so that each part's
    // lists are ascending and follow those of the part before.
    const std::size_t parts = worker_count(docs.size());
    std::vector<PartPostings> part(parts);
    parallel_for(parts, [&](std::size_t, std::size_t p) {
        postings_of(docs, docs.size() * p / parts, docs.size() * (p + 1) / parts, part[p]);
    });
    for (std::size_t p = 1; p < parts; ++p) {
        append_lists(part[0].han_lists, part[p].han_lists);
        append_lists(part[0].word_lists, part[p].word_lists);
    }
    // Lists grown a byte at a time hold up to twice what they use, and are
    // kept through both forms of the index: each is cut to its size.
    SearchPostings postings;
    postings.reserve(part[0].han_lists.size() + part[0].word_lists.size());
    part[0].han_lists.each([&](std::uint64_t key, Ids& ids) {
        ids.shrink_to_fit();
        postings.emplace(han_token(key), std::move(ids));
    });
    for (auto& [key, ids] : part[0].word_lists) {
        ids.shrink_to_fit();
        postings.emplace(key, std::move(ids));
    }
    return postings;
}

void PostingList::append(const PostingList& later) {
    if (!later.count_) return;
    std::size_t i = 0;
    const std::uint32_t first = later.get(i);  // from 0: from our last id here
    put(first - last_);
    bytes_.insert(bytes_.end(), later.bytes_.begin() + static_cast<std::ptrdiff_t>(i), later.bytes_.end());
    last_ = later.last_;
    count_ += later.count_;
}

namespace {

void append_number(std::string& out, std::uint32_t v) {
    char digits[10];
    int n = 0;
    do digits[n++] = static_cast<char>('0' + v % 10);
    while ((v /= 10) != 0);
    while (n) out += digits[--n];
}

}  // namespace

void append_gaps(std::string& out, const std::vector<std::uint32_t>& ids) {
    out += '[';
    std::uint32_t previous = 0;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        if (k) out += ',';
        append_number(out, ids[k] - previous);
        previous = ids[k];
    }
    out += ']';
}

void append_gaps(std::string& out, const PostingList& list) {
    out += '[';
    bool first = true;
    list.each_gap([&](std::uint32_t gap) {
        if (!first) out += ',';
        first = false;
        append_number(out, gap);
    });
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
