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

}  // namespace

std::vector<std::string> pdf_page_texts(const std::filesystem::path& file) {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(&keep_first, nullptr); });
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
