#pragma once
// PDFs written byte by byte for tests: real documents poppler opens, with
// Chinese text it can extract, and the broken ones an upload may be.

#include <string>
#include <vector>

namespace testing {

struct PdfSpec {
    // One entry per page, lines separated by '\n' (UTF-8, Basic Multilingual Plane).
    std::vector<std::string> pages{"第一页"};
    // An /Encrypt entry in the trailer whose passwords fit no one: a
    // protected file as poppler sees it.
    bool encrypted = false;
    // Arrays nested this deep in the first page's dictionary, as a hostile
    // file would: [[[...]]].
    int nesting = 0;
    // Intermediate /Pages nodes between the root and the pages, one below
    // the other.
    int tree_depth = 0;
    // Bytes of a stream no page uses, to make the file as large as needed.
    std::string padding;
};

std::string make_pdf(const PdfSpec& spec);
// Pages with that text, nothing else.
std::string make_pdf(const std::vector<std::string>& pages);

}  // namespace testing
