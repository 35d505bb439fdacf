#include "generator/import/body_markdown.hpp"

#include <algorithm>
#include <cctype>

#include "common/text.hpp"
#include "common/utf8.hpp"
#include "generator/import/word_text.hpp"

namespace gen::import {

namespace {

using common::starts_with;

// A Chinese number 一 .. 九十九 at s[i], its length in bytes, or 0.
std::size_t chinese_number_at(const std::string& s, std::size_t i) {
    static const char* const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    std::size_t at = i;
    for (bool found = true; found;) {
        found = false;
        for (const char* d : digits)
            if (s.compare(at, 3, d) == 0) {
                at += 3;
                found = true;
                break;
            }
    }
    return at - i;
}

// "（" or "(" at s[i]: its length, or 0; likewise the closing one.
std::size_t open_paren(const std::string& s, std::size_t i) { return s.compare(i, 3, "（") == 0 ? 3 : (s.compare(i, 1, "(") == 0 ? 1 : 0); }
std::size_t close_paren(const std::string& s, std::size_t i) { return s.compare(i, 3, "）") == 0 ? 3 : (s.compare(i, 1, ")") == 0 ? 1 : 0); }

// Whether a numbered paragraph heads a section: short, and no sentence in it.
// "一、申报范围" does; "一、各单位要充分认识……。" is a numbered paragraph.
bool reads_as_heading(const std::string& line) {
    if (common::utf8_length(line) > 30) return false;
    for (const char* stop : {"。", "；", "！", "？", ";", "：", ":"})
        if (line.find(stop) != std::string::npos) return false;
    return true;
}

// The heading level a Word paragraph style gives (Heading1, heading 2), or 0.
int style_level(const std::string& style) {
    std::string s;
    for (const char c : style)
        if (c != ' ') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!starts_with(s, "heading") || s.size() != 8 || s[7] < '1' || s[7] > '6') return 0;
    return s[7] - '0';
}

// A GFM table: every row as wide as the widest, a merged cell's columns
// left empty after its text, its first row the header.
std::string table_markdown(const office::WordTable& table) {
    std::vector<std::vector<std::string>> rows;
    std::size_t width = 0;
    for (const office::WordRow& r : table.rows) {
        std::vector<std::string> cells;
        for (const office::WordCell& c : r.cells) {
            std::string text;
            for (const std::string& p : c.paragraphs) text += one_line(p);
            cells.push_back(c.continues_above ? "" : escape_markdown_line(text));
            for (int extra = 1; extra < c.span; ++extra) cells.emplace_back();
        }
        width = std::max(width, cells.size());
        rows.push_back(std::move(cells));
    }
    std::string out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        rows[r].resize(width);
        out += '|';
        for (const std::string& c : rows[r]) out += ' ' + c + " |";
        out += '\n';
        if (r == 0) {
            out += '|';
            for (std::size_t i = 0; i < width; ++i) out += " --- |";
            out += '\n';
        }
    }
    return out;
}

}  // namespace

int official_level(const std::string& line) {
    if (const std::size_t n = chinese_number_at(line, 0); n && line.compare(n, 3, "、") == 0) return 1;
    if (const std::size_t open = open_paren(line, 0)) {
        if (const std::size_t n = chinese_number_at(line, open); n && close_paren(line, open + n)) return 2;
        std::size_t digits = 0;
        if (leading_number(line.substr(open), digits) >= 0 && close_paren(line, open + digits)) return 4;
        return 0;
    }
    std::size_t digits = 0;
    if (leading_number(line, digits) >= 0)
        for (const char* mark : {".", "．", "、"})
            if (line.compare(digits, std::string(mark).size(), mark) == 0 && line.size() > digits + std::string(mark).size()) return 3;
    return 0;
}

std::string escape_markdown_line(const std::string& line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        const char next = i + 1 < line.size() ? line[i + 1] : '\0';
        bool escape = c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '|' ||
                      (c == '~' && next == '~') || (c == '<' && (std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?')) ||
                      (c == '&' && (std::isalpha(static_cast<unsigned char>(next)) || next == '#'));
        if (i == 0 && (c == '#' || c == '>' || c == '-' || c == '+' || c == '=')) escape = true;
        if (escape) out += '\\';
        out += c;
    }
    // "1. text" or "1) text" at the start would become a list.
    std::size_t digits = 0;
    while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits]))) ++digits;
    if (digits > 0 && digits < 10 && digits < out.size() && (out[digits] == '.' || out[digits] == ')') &&
        (digits + 1 == out.size() || out[digits + 1] == ' ' || out[digits + 1] == '\t'))
        out.insert(digits, "\\");
    return out;
}

std::string body_markdown(const std::vector<office::WordBlock>& body) {
    std::string out;
    // The official levels of the headings above, outermost first: a level
    // the notice skips (1. right under 一、) takes the next Markdown level,
    // as headings may not skip one.
    std::vector<int> open;
    for (const office::WordBlock& block : body) {
        if (const auto* table = std::get_if<office::WordTable>(&block)) {
            if (table->rows.empty()) continue;
            if (!out.empty()) out += '\n';
            out += table_markdown(*table);
            continue;
        }
        const office::WordParagraph& p = std::get<office::WordParagraph>(block);
        const std::vector<std::string> lines = lines_of(p.text);
        if (lines.empty()) continue;
        if (!out.empty()) out += '\n';
        const std::string joined = one_line(p.text);
        int level = official_level(joined);
        const int styled = style_level(p.style);
        if ((level && reads_as_heading(joined)) || styled) {
            if (!level) level = styled;
            while (!open.empty() && open.back() >= level) open.pop_back();
            open.push_back(level);
            out += std::string(open.size() + 1, '#') + ' ' + escape_markdown_line(joined) + '\n';
            continue;
        }
        for (std::size_t i = 0; i < lines.size(); ++i) {
            out += escape_markdown_line(lines[i]);
            out += i + 1 < lines.size() ? "\\\n" : "\n";
        }
    }
    return out;
}

}  // namespace gen::import
