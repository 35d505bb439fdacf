#pragma once
// Word documents (DOCX) for forms to fill in: a plain model of paragraphs and
// tables, and its WordprocessingML, A4 with the fonts of official documents.

#include <string>
#include <variant>
#include <vector>

namespace office::docx {

enum class Style {
    title,     // 方正小标宋简体, 二号: the document's heading lines
    subtitle,  // 楷体_GB2312, 三号
    heading,   // 黑体, 三号: 一、二、… section headings
    body,      // 仿宋_GB2312, 三号, first line indented two characters
    note,      // 仿宋_GB2312, 四号: 注：…
    outline,   // body text without the indent, for outline items
    sign,      // signature lines, right-aligned
};

struct Paragraph {
    Style style = Style::body;
    std::string text;
    int indent_chars = 0;           // left indent, in characters
    bool page_break_before = false;
};

struct Cell {
    std::string text;  // empty: a blank to fill in
    bool label = false;
    int span = 1;      // grid columns covered
};

struct Row {
    std::vector<Cell> cells;
    int min_height_mm = 0;  // a blank that needs room to write in
    bool header = false;    // repeats on each page
};

struct Table {
    std::vector<int> widths;  // relative widths of the grid columns
    std::vector<Row> rows;
};

using Block = std::variant<Paragraph, Table>;

struct Document {
    std::string title;
    std::string author;
    std::string date;  // YYYY-MM-DD: the document's creation date, kept in its properties
    std::vector<Block> blocks;
};

// The .docx file: deterministic, the same bytes for the same document.
std::string docx_bytes(const Document& doc);

// Every text of the document, one per line: what the personal data check reads.
std::string plain_text(const Document& doc);

}  // namespace office::docx
