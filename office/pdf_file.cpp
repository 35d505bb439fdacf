#include "office/pdf_file.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

namespace office {
namespace {

// poppler reports problems through one process-wide function; each thread
// collects its own, so that concurrent checks do not mix their findings.
thread_local std::vector<std::string>* complaints = nullptr;

void collect(const std::string& message, void*) {
    if (complaints) complaints->push_back(message);
}

// Without this, poppler writes its complaints to stderr.
void route_complaints() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(&collect, nullptr); });
}

class Complaints {
public:
    Complaints() {
        route_complaints();
        complaints = &list_;
    }
    ~Complaints() { complaints = nullptr; }
    Complaints(const Complaints&) = delete;
    Complaints& operator=(const Complaints&) = delete;
    const std::vector<std::string>& list() const { return list_; }

private:
    std::vector<std::string> list_;
};

std::unique_ptr<poppler::document> open(const std::filesystem::path& file) {
    return std::unique_ptr<poppler::document>(poppler::document::load_from_file(file.string()));
}

}  // namespace

PdfCheck check_pdf(const std::filesystem::path& file) {
    Complaints heard;
    PdfCheck out;
    const auto doc = open(file);
    if (!doc) {
        out.detail = heard.list().empty() ? "poppler could not open it" : heard.list().front();
        return out;
    }
    if (doc->is_encrypted() || doc->is_locked()) {
        out.verdict = PdfVerdict::encrypted;
        return out;
    }
    out.pages = doc->pages();
    for (int i = 0; i < out.pages && heard.list().empty(); ++i)
        if (!std::unique_ptr<poppler::page>(doc->create_page(i))) {
            out.detail = "page " + std::to_string(i + 1) + " is missing";
            return out;
        }
    if (!heard.list().empty()) {
        out.detail = heard.list().front();
        return out;
    }
    out.verdict = out.pages > 0 ? PdfVerdict::ok : PdfVerdict::no_pages;
    return out;
}

std::vector<std::string> pdf_page_texts(const std::filesystem::path& file) {
    Complaints heard;
    const auto doc = open(file);
    if (!doc) throw std::runtime_error(heard.list().empty() ? "not a PDF that opens" : "not a PDF that opens: " + heard.list().front());
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
