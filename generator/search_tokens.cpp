#include "generator/search_tokens.hpp"

#include "common/utf8.hpp"

namespace gen {
namespace {

using common::is_han;
using common::next_code_point;

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Full-width ASCII (ＸＸＸＸ, ２０１９) as typed by Chinese input methods.
char32_t folded(char32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    return cp;
}

bool is_word_char(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'); }

bool is_space(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000; }

}  // namespace

std::vector<std::string> search_tokens(std::string_view text) {
    struct Kept final : TokenSink {
        std::vector<std::string> out;
        void han(char32_t first, char32_t second) override { out.push_back(han_token(first, second)); }
        void word(std::string_view w) override { out.emplace_back(w); }
    } kept;
    kept.out.reserve(text.size() / 3 + 1);  // about one token per Han character, three bytes each
    each_search_token(text, kept);
    return std::move(kept.out);
}

std::string han_token(char32_t first, char32_t second) {
    std::string out;
    append_utf8(out, first);
    if (second) append_utf8(out, second);
    return out;
}

// Each pair is handed on as its second character is read, a lone character
// when its run ends: the same tokens in the same order as cutting whole runs,
// without keeping them.
void each_search_token(std::string_view text, TokenSink& sink) {
    char32_t han = 0;        // the last Han character of the current run
    bool lone = false;       // and it is the run's only one so far
    std::string word;        // the current run of letters and digits
    auto end_han = [&] {
        if (lone) sink.han(han, 0);
        han = 0;
        lone = false;
    };
    auto end_word = [&] {
        if (!word.empty()) sink.word(word);
        word.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = folded(next_code_point(text, i));
        if (is_han(cp)) {
            end_word();
            if (han) sink.han(han, cp);
            lone = !han;
            han = cp;
        } else if (is_word_char(cp)) {
            end_han();
            word += static_cast<char>(cp);
        } else {
            end_han();
            end_word();
        }
    }
    end_han();
    end_word();
}

std::string collapsed_prefix(std::string_view text, std::size_t max_chars) {
    std::string out;
    std::size_t chars = 0;
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t cp = next_code_point(text, i);
        if (is_space(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (chars + pending_space >= max_chars) {
            out += "…";
            break;
        }
        if (pending_space) out += ' ', ++chars;
        pending_space = false;
        out.append(text.substr(start, i - start));
        ++chars;
    }
    return out;
}

}  // namespace gen
