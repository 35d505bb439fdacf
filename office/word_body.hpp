#pragma once
// The body of a Word file someone else made (Word, WPS, LibreOffice), as
// its reader sees it: paragraphs and tables in order, each paragraph's
// words with its automatic number written out. What a reader never sees
// is left out: bookmarks, field codes (their shown result is kept),
// deleted revisions, comments, direct formatting.

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace office {

struct WordParagraph {
    std::string text;   // '\n' where the author broke the line inside the paragraph
    std::string style;  // the paragraph style's id ("Heading1", "1"); empty for the default
    int pictures = 0;   // drawings, pictures, text boxes and embedded objects: no words here
};

struct WordCell {
    std::vector<std::string> paragraphs;  // a nested table's cells follow as paragraphs
    int span = 1;                         // grid columns covered (w:gridSpan)
    bool continues_above = false;         // a vertically merged cell below its first
};

struct WordRow {
    std::vector<WordCell> cells;
};

struct WordTable {
    std::vector<WordRow> rows;
};

using WordBlock = std::variant<WordParagraph, WordTable>;

// Throws std::runtime_error when the file is no DOCX or its document part
// is not well-formed XML.
std::vector<WordBlock> read_word_body(const std::filesystem::path& file);

}  // namespace office
