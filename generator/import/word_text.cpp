#include "generator/import/word_text.hpp"

namespace gen::import {

namespace {

// The byte length of the white space at s[i], or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
    if (s.substr(i, 3) == "\u3000") return 3;
    if (s.substr(i, 2) == "\u00a0") return 2;
    return 0;
}

}  // namespace

std::string trim_spaces(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size())
        if (const std::size_t n = space_at(s, begin)) begin += n;
        else break;
    std::size_t end = s.size();
    // Step back over whole characters: the last one, two or three bytes.
    while (end > begin) {
        if (space_at(s, end - 1) == 1) --end;
        else if (end - begin >= 3 && space_at(s, end - 3) == 3) end -= 3;
        else if (end - begin >= 2 && space_at(s, end - 2) == 2) end -= 2;
        else break;
    }
    return std::string(s.substr(begin, end - begin));
}

std::vector<std::string> lines_of(std::string_view paragraph) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= paragraph.size()) {
        std::size_t end = paragraph.find('\n', start);
        if (end == std::string_view::npos) end = paragraph.size();
        std::string line = trim_spaces(paragraph.substr(start, end - start));
        if (!line.empty()) out.push_back(std::move(line));
        start = end + 1;
    }
    return out;
}

std::string one_line(std::string_view text) {
    std::string out;
    for (const std::string& line : lines_of(text)) out += line;
    return out;
}

std::string spaceless(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();)
        if (const std::size_t n = space_at(s, i)) i += n;
        else out += s[i++];
    return out;
}

int leading_number(std::string_view s, std::size_t& bytes) {
    int value = 0;
    bool any = false;
    std::size_t i = 0;
    while (i < s.size() && value < 100000) {
        if (s[i] >= '0' && s[i] <= '9') {
            value = value * 10 + (s[i] - '0');
            ++i;
        } else if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
                   static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
            value = value * 10 + (static_cast<unsigned char>(s[i + 2]) - 0x90);  // ０..９, U+FF10..U+FF19
            i += 3;
        } else {
            break;
        }
        any = true;
    }
    bytes = i;
    return any ? value : -1;
}

}  // namespace gen::import
