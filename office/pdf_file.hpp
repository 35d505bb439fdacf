#pragma once
// PDFs read with poppler: whether one opens, how many pages it has, and
// the text a reader sees on them.

#include <filesystem>
#include <string>
#include <vector>

namespace office {

enum class PdfVerdict { ok, damaged, encrypted, no_pages };

struct PdfCheck {
    PdfVerdict verdict = PdfVerdict::damaged;
    int pages = 0;
    std::string detail;  // what poppler found wrong, in English
};

// Opens the file and every page object. A file poppler has to repair to
// read (a broken cross-reference table, a page tree that lies) counts as
// damaged: another reader may fail where poppler guessed.
PdfCheck check_pdf(const std::filesystem::path& file);

// The text of each page, in order. Throws std::runtime_error when the file
// does not open or is locked with a password.
std::vector<std::string> pdf_page_texts(const std::filesystem::path& file);

}  // namespace office
