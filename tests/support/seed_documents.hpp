#pragma once
// Word files made from the seed notices (../shared/seeds/), as the bureau's
// Word would have saved them: the seed's text is what was taken out of such
// a file, with its residue. A seed line starting with a tab is a table
// cell, a blank line between cells ends a row, a line right after a cell
// continues it (a line break inside the cell), "[bookmark: _GoBack]" is a
// bookmark, and two spaces at a line's end are a line break (Shift+Enter).

#include <string>
#include <vector>

namespace testing {

struct SeedLine {
    std::string text;
    bool bookmark = false;  // a bookmark precedes the text
};

struct SeedBlock {
    bool table = false;
    std::vector<SeedLine> paragraph;                          // its lines, split where the author broke them
    std::vector<std::vector<std::vector<SeedLine>>> rows;     // a table's rows of cells of lines
};

std::vector<SeedBlock> parse_seed(const std::string& text);

// HTML for LibreOffice to convert (<a name> bookmarks, <br> breaks, tables).
std::string seed_html(const std::vector<SeedBlock>& blocks);

// Flat ODT (.fodt) for LibreOffice to convert, with numbered lists: a
// paragraph numbered 一、 or 1． in the seed is a list item whose number
// LibreOffice writes (Word's automatic numbers in the DOCX), where the
// seed's number is the one the list reaches; 一、 counts on across the
// paragraphs between, and starts again in each attachment.
std::string seed_fodt(const std::vector<SeedBlock>& blocks);

// A DOCX written here with libzip, as Word writes one: runs with direct
// formatting (仿宋_GB2312, sizes), bookmarks, a URL as a HYPERLINK field,
// empty paragraphs, <w:br/> breaks.
std::string seed_docx(const std::vector<SeedBlock>& blocks);

// The smallest DOCX around a document.xml body (and numbering.xml, if any).
std::string docx_package(const std::string& body_xml, const std::string& numbering_xml = "");

std::string xml_text(const std::string& s);

}  // namespace testing
