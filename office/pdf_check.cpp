#include "office/pdf_check.hpp"

#include <qpdf/QPDF.hh>

namespace office {

PdfCheck check_pdf(const std::filesystem::path& file) {
    PdfCheck out;
    try {
        QPDF pdf;
        pdf.setAttemptRecovery(false);
        pdf.setSuppressWarnings(true);
        pdf.processFile(file.c_str());
        if (pdf.isEncrypted()) {
            out.verdict = PdfVerdict::encrypted;
            return out;
        }
        // Every object parsed once: each is bounded by the file's size and
        // by qpdf's limit on nesting.
        pdf.getAllObjects();
        out.pages = static_cast<int>(pdf.getAllPages().size());
        if (pdf.anyWarnings()) {
            out.detail = pdf.getWarnings().front().what();
            out.pages = 0;
            return out;
        }
    } catch (const std::exception& e) {
        // A password qpdf cannot supply is reported as an exception too.
        const std::string what = e.what();
        out.verdict = what.find("password") != std::string::npos ? PdfVerdict::encrypted : PdfVerdict::damaged;
        out.detail = what;
        return out;
    }
    out.verdict = out.pages > 0 ? PdfVerdict::ok : PdfVerdict::no_pages;
    return out;
}

}  // namespace office
