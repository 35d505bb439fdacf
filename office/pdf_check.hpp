#pragma once
// Whether a PDF opens, read with qpdf: its cross-reference table, every
// object and the page tree, with no repair attempted.

#include <filesystem>

namespace office {

enum class PdfVerdict { ok, damaged, encrypted, no_pages };

struct PdfCheck {
    PdfVerdict verdict = PdfVerdict::damaged;
    int pages = 0;
};

// A file qpdf would have to repair (a broken or missing cross-reference
// table, an object that does not parse, a data structure nested beyond
// qpdf's limit) is damaged: another reader may fail where one guessed.
PdfCheck check_pdf(const std::filesystem::path& file);

}  // namespace office
