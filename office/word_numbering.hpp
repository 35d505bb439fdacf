#pragma once
// The automatic numbers of a Word file (word/numbering.xml): Word writes
// "一、" or "1." of a numbered paragraph nowhere in its text, only a list
// and level whose counter the reader's application formats.

#include <array>
#include <map>
#include <string>
#include <string_view>

namespace office {

class WordNumbering {
public:
    // From the numbering part's XML; empty text (no part) numbers nothing.
    // Throws std::runtime_error when the XML is not well-formed.
    explicit WordNumbering(std::string_view xml);

    // The number shown before the next paragraph of list `num_id` at
    // `level` ("一、", "（1）", "1."), advancing its counters; empty for a
    // list or level the part does not define, or a bullet.
    std::string next(int num_id, int level);

private:
    struct Level {
        int start = 1;
        std::string format = "decimal";  // w:numFmt
        std::string text;                // w:lvlText: "%1、"
    };
    struct List {
        std::array<Level, 9> levels;
        bool defined = false;
    };
    std::map<int, List> lists_;                  // by w:num's numId, levels resolved
    std::map<int, std::array<int, 9>> counters_;  // by numId: the last number given at each level
};

// A counter written as the format says: decimal 3, chineseCounting 三,
// decimalEnclosedCircle ③, lowerLetter c, upperRoman III.
std::string format_counter(int value, std::string_view format);

}  // namespace office
