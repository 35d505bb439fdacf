#include "office/pdf_check.hpp"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include <qpdf/QPDF.hh>

namespace office {
namespace {

// qpdf walks the page tree recursively: a tree as deep as a hostile file
// makes it would overflow the checking thread's stack and take the whole
// collector with it. A real tree is a few levels deep.
constexpr int kMaxPageTreeDepth = 64;

// Walked here first, iteratively: no deeper than the limit and no node
// twice (a loop).
bool sound_page_tree(QPDF& pdf) {
    std::vector<std::pair<QPDFObjectHandle, int>> todo{{pdf.getRoot().getKey("/Pages"), 1}};
    std::set<QPDFObjGen> seen;
    while (!todo.empty()) {
        auto [node, depth] = todo.back();
        todo.pop_back();
        if (depth > kMaxPageTreeDepth || (node.isIndirect() && !seen.insert(node.getObjGen()).second)) return false;
        if (!node.isDictionary()) continue;
        QPDFObjectHandle kids = node.getKey("/Kids");
        if (!kids.isArray()) continue;
        for (int i = 0; i < kids.getArrayNItems(); ++i) todo.emplace_back(kids.getArrayItem(i), depth + 1);
    }
    return true;
}

}  // namespace

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
        if (!sound_page_tree(pdf)) return out;
        const std::size_t pages = pdf.getAllPages().size();
        if (pdf.anyWarnings()) return out;
        out.pages = static_cast<int>(pages);
    } catch (const std::exception& e) {
        // A password qpdf cannot supply is reported as an exception too.
        out.verdict = std::string(e.what()).find("password") != std::string::npos ? PdfVerdict::encrypted : PdfVerdict::damaged;
        return out;
    }
    out.verdict = out.pages > 0 ? PdfVerdict::ok : PdfVerdict::no_pages;
    return out;
}

}  // namespace office
