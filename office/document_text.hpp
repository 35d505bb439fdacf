#pragma once
// The words a reader sees in a PDF, DOCX or XLSX, to check them before
// they are published.

#include <filesystem>
#include <string>
#include <vector>

namespace office {

struct TextPart {
    std::string where;  // "page 2", "word/document.xml", "xl/sharedStrings.xml"
    std::string text;   // one line per paragraph, cell or text line
};

// Whether the extension (lower case, without the dot) is one document_text reads.
bool has_document_text(const std::string& ext);

// Throws std::runtime_error when the file cannot be read as its extension says.
std::vector<TextPart> document_text(const std::filesystem::path& file, const std::string& ext);

}  // namespace office
