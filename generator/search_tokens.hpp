#pragma once
// How text is cut into the search index's tokens. search.js cuts queries
// the same way (its tokens()), so the two must change together.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gen {

// Chinese has no spaces between words, and a word list would miss new names
// (汨罗市正则学校): every run of Han characters gives its overlapping
// two-character pieces (智慧教育 -> 智慧 慧教 教育), a run of one character
// that character. Runs of Latin letters and digits give whole words, lower
// case. Full-width letters and digits count as their ASCII forms; anything
// else separates. Tokens come in text order, repeats included.
std::vector<std::string> search_tokens(std::string_view text);
// Receives the tokens of each_search_token as they are cut.
class TokenSink {
public:
    // A Han piece as its code points: `second` is 0 for a lone character.
    virtual void han(char32_t first, char32_t second) = 0;
    // A run of letters and digits, lower case.
    virtual void word(std::string_view w) = 0;

protected:
    ~TokenSink() = default;
};

// The tokens of search_tokens, in the same order, handed to `sink` instead
// of kept: the index of 10,000 notices cuts tens of millions, and a string
// of its own for each was most of the index's allocations.
void each_search_token(std::string_view text, TokenSink& sink);

// A Han piece as search_tokens spells it.
std::string han_token(char32_t first, char32_t second);
// A Han piece as one number, for tables keyed without strings, and back.
inline std::uint64_t han_key(char32_t first, char32_t second) { return (static_cast<std::uint64_t>(first) << 32) | second; }
inline std::string han_token(std::uint64_t key) { return han_token(static_cast<char32_t>(key >> 32), static_cast<char32_t>(key & 0xFFFFFFFFu)); }

// At most `max_chars` characters of `text` with every run of white space
// made one space, trimmed; "…" marks a cut. For excerpts.
std::string collapsed_prefix(std::string_view text, std::size_t max_chars);

}  // namespace gen
