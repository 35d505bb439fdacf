#include "office/pdf_writer.hpp"

#include <cstdio>

#include "common/utf8.hpp"

namespace office::pdf {
namespace {

// Page objects follow these, two for each page: the page and its content.
enum Object { kCatalog = 1, kPages, kFont, kCidFont, kDescriptor, kInfo, kFirstPage };

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

bool half_width(char32_t cp) { return cp < 0x80; }

// UTF-16BE in hex, as a PDF string for UniGB-UTF16-H.
std::string utf16_hex(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    const auto unit = [&](unsigned u) {
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(u >> shift) & 15];
    };
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = common::next_code_point(text, i);
        if (cp < 0x10000) {
            unit(static_cast<unsigned>(cp));
            continue;
        }
        cp -= 0x10000;
        unit(0xD800 + static_cast<unsigned>(cp >> 10));
        unit(0xDC00 + static_cast<unsigned>(cp & 0x3FF));
    }
    return out;
}

}  // namespace

double mm(double millimetres) { return millimetres * 72 / 25.4; }

double text_width(std::string_view text, double size) {
    double ems = 0;
    for (std::size_t i = 0; i < text.size();) ems += half_width(common::next_code_point(text, i)) ? 0.5 : 1;
    return ems * size;
}

std::vector<std::string> wrap(std::string_view text, double size, double width) {
    std::vector<std::string> lines(1);
    double used = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t cp = common::next_code_point(text, i);
        if (cp == '\n') {
            lines.emplace_back();
            used = 0;
            continue;
        }
        const double w = (half_width(cp) ? 0.5 : 1) * size;
        if (used + w > width && !lines.back().empty()) {
            lines.emplace_back();
            used = 0;
        }
        lines.back().append(text.substr(start, i - start));
        used += w;
    }
    return lines;
}

void Writer::new_page() { pages_.emplace_back(); }

void Writer::text(double x, double baseline, double size, std::string_view text) {
    if (pages_.empty()) new_page();
    if (text.empty()) return;
    pages_.back() += "BT /F1 " + number(size) + " Tf " + number(x) + " " + number(kPageHeight - baseline) + " Td <" + utf16_hex(text) + "> Tj ET\n";
}

void Writer::line(double x1, double y1, double x2, double y2, double width) {
    if (pages_.empty()) new_page();
    pages_.back() += number(width) + " w " + number(x1) + " " + number(kPageHeight - y1) + " m " + number(x2) + " " + number(kPageHeight - y2) + " l S\n";
}

std::string Writer::bytes(const std::string& title) const {
    const std::vector<std::string> pages = pages_.empty() ? std::vector<std::string>(1) : pages_;
    std::vector<std::string> objects(kFirstPage - 1 + 2 * pages.size());
    std::string kids;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const int page = kFirstPage + 2 * static_cast<int>(i);
        kids += (i ? " " : "") + std::to_string(page) + " 0 R";
        objects[page - 1] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + number(kPageWidth) + " " + number(kPageHeight) +
                            "] /Resources << /Font << /F1 3 0 R >> >> /Contents " + std::to_string(page + 1) + " 0 R >>";
        objects[page] = "<< /Length " + std::to_string(pages[i].size()) + " >>\nstream\n" + pages[i] + "endstream";
    }
    objects[kCatalog - 1] = "<< /Type /Catalog /Pages 2 0 R >>";
    objects[kPages - 1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
    objects[kFont - 1] = "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [4 0 R] >>";
    // CIDs 1 to 95 are ASCII in Adobe-GB1: half an em, as text_width measures them.
    objects[kCidFont - 1] =
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        " /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>";
    objects[kDescriptor - 1] =
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0"
        " /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>";
    objects[kInfo - 1] = "<< /Title <FEFF" + utf16_hex(title) + "> /Producer (yueyang office) >>";

    // A binary comment line after the header, so that transfers treat the file as binary.
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
        out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

}  // namespace office::pdf
