#include "office/word_numbering.hpp"

#include <stdexcept>
#include <vector>

#include <pugixml.hpp>

namespace office {

namespace {

int int_attribute(const pugi::xml_node& node, const char* child, int fallback) {
    const pugi::xml_node c = node.child(child);
    if (!c) return fallback;
    return c.attribute("w:val").as_int(fallback);
}

// 一 to 九十九, as Chinese documents count their sections.
std::string chinese_number(int value) {
    static const char* const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (value <= 0 || value >= 100) return std::to_string(value);
    if (value < 10) return digits[value];
    const int tens = value / 10, ones = value % 10;
    std::string out = tens == 1 ? "" : digits[tens];
    out += "十";
    if (ones) out += digits[ones];
    return out;
}

std::string roman(int value) {
    static const std::pair<int, const char*> parts[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
                                                        {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    std::string out;
    for (const auto& [n, s] : parts)
        while (value >= n) {
            out += s;
            value -= n;
        }
    return out;
}

std::string upper(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

// U+2460 ① to U+2473 ⑳ in UTF-8.
std::string circled(int value) {
    if (value < 1 || value > 20) return std::to_string(value);
    const unsigned cp = 0x2460u + static_cast<unsigned>(value - 1);
    std::string out;
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
    return out;
}

// Full-width digits (U+FF10..U+FF19), as decimalFullWidth shows them.
std::string full_width(int value) {
    std::string out;
    for (const char d : std::to_string(value)) {
        const unsigned cp = 0xFF10u + static_cast<unsigned>(d - '0');
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

}  // namespace

std::string format_counter(int value, std::string_view format) {
    if (format == "chineseCounting" || format == "chineseCountingThousand" || format == "ideographTraditional" ||
        format == "japaneseCounting" || format == "taiwaneseCounting" || format == "taiwaneseCountingThousand" ||
        format == "chineseLegalSimplified")
        return chinese_number(value);
    if (format == "decimalEnclosedCircle" || format == "decimalEnclosedCircleChinese") return circled(value);
    if (format == "decimalFullWidth" || format == "decimalFullWidth2") return full_width(value);
    if (format == "lowerLetter" && value >= 1) return std::string(static_cast<std::size_t>((value - 1) / 26 + 1), static_cast<char>('a' + (value - 1) % 26));
    if (format == "upperLetter" && value >= 1) return std::string(static_cast<std::size_t>((value - 1) / 26 + 1), static_cast<char>('A' + (value - 1) % 26));
    if (format == "lowerRoman") return roman(value);
    if (format == "upperRoman") return upper(roman(value));
    if (format == "none") return "";
    return std::to_string(value);  // decimal, decimalZero and what this reader does not know
}

WordNumbering::WordNumbering(std::string_view xml) {
    if (xml.empty()) return;
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size())) throw std::runtime_error("word/numbering.xml is not well-formed XML");
    const pugi::xml_node root = doc.child("w:numbering");
    std::map<int, std::array<Level, 9>> abstracts;
    for (const pugi::xml_node a : root.children("w:abstractNum")) {
        std::array<Level, 9> levels;
        for (const pugi::xml_node l : a.children("w:lvl")) {
            const int i = l.attribute("w:ilvl").as_int(-1);
            if (i < 0 || i > 8) continue;
            levels[static_cast<std::size_t>(i)].start = int_attribute(l, "w:start", 1);
            if (const pugi::xml_node f = l.child("w:numFmt")) levels[static_cast<std::size_t>(i)].format = f.attribute("w:val").as_string("decimal");
            levels[static_cast<std::size_t>(i)].text = l.child("w:lvlText").attribute("w:val").as_string();
        }
        abstracts[a.attribute("w:abstractNumId").as_int(-1)] = levels;
    }
    for (const pugi::xml_node n : root.children("w:num")) {
        const auto it = abstracts.find(int_attribute(n, "w:abstractNumId", -1));
        if (it == abstracts.end()) continue;
        List list{it->second, true};
        for (const pugi::xml_node o : n.children("w:lvlOverride")) {
            const int i = o.attribute("w:ilvl").as_int(-1);
            if (i >= 0 && i <= 8 && o.child("w:startOverride")) list.levels[static_cast<std::size_t>(i)].start = int_attribute(o, "w:startOverride", 1);
        }
        lists_[n.attribute("w:numId").as_int(-1)] = list;
    }
}

std::string WordNumbering::next(int num_id, int level) {
    const auto it = lists_.find(num_id);
    if (it == lists_.end() || level < 0 || level > 8) return "";
    const List& list = it->second;
    auto [c, fresh] = counters_.try_emplace(num_id);
    std::array<int, 9>& counters = c->second;
    if (fresh)
        for (std::size_t i = 0; i < 9; ++i) counters[i] = list.levels[i].start - 1;
    const auto at = static_cast<std::size_t>(level);
    ++counters[at];
    // A deeper level starts again under each new number of this one.
    for (std::size_t i = at + 1; i < 9; ++i) counters[i] = list.levels[i].start - 1;
    const Level& shown = list.levels[at];
    if (shown.format == "bullet") return "";
    std::string out;
    for (std::size_t i = 0; i < shown.text.size(); ++i) {
        const char ch = shown.text[i];
        if (ch == '%' && i + 1 < shown.text.size() && shown.text[i + 1] >= '1' && shown.text[i + 1] <= '9') {
            const auto of = static_cast<std::size_t>(shown.text[i + 1] - '1');
            out += format_counter(counters[of], list.levels[of].format);
            ++i;
        } else {
            out += ch;
        }
    }
    return out;
}

}  // namespace office
