#include "office/pdf_text.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

namespace office {
namespace {

// poppler reports problems through one process-wide function, which would
// write them to stderr; the first of each thread's is kept for its error.
thread_local std::string first_complaint;

void keep_first(const std::string& message, void*) {
    if (first_complaint.empty()) first_complaint = message;
}

// poppler-cpp sets up its global tables (reading every file under
// /usr/share/poppler) when the first open document appears and tears them
// down when the last one goes: 0.7 ms for each PDF read alone, most of the
// time of a build's attachments. One small document (a blank page) held
// open for the process keeps them up.
const char kKeptOpen[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1] >> endobj\n"
    "xref\n"
    "0 4\n"
    "0000000000 65535 f \n"
    "0000000009 00000 n \n"
    "0000000058 00000 n \n"
    "0000000115 00000 n \n"
    "trailer << /Size 4 /Root 1 0 R >>\n"
    "startxref\n"
    "182\n"
    "%%EOF\n";

void keep_poppler_set_up() {
    static const std::unique_ptr<poppler::document> kept(poppler::document::load_from_raw_data(kKeptOpen, sizeof kKeptOpen - 1));
}

}  // namespace

std::vector<std::string> pdf_page_texts(const std::filesystem::path& file) {
    static std::once_flag once;
    std::call_once(once, [] {
        poppler::set_debug_error_function(&keep_first, nullptr);
        keep_poppler_set_up();
    });
    first_complaint.clear();
    const std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(file.string()));
    if (!doc) throw std::runtime_error(first_complaint.empty() ? "not a PDF that opens" : "not a PDF that opens: " + first_complaint);
    if (doc->is_locked()) throw std::runtime_error("the PDF is locked with a password");
    std::vector<std::string> pages;
    for (int i = 0; i < doc->pages(); ++i) {
        const std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) throw std::runtime_error("page " + std::to_string(i + 1) + " of the PDF is missing");
        const poppler::byte_array utf8 = page->text().to_utf8();
        pages.emplace_back(utf8.begin(), utf8.end());
    }
    return pages;
}

}  // namespace office
