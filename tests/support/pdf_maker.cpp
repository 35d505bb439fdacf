#include "support/pdf_maker.hpp"

#include <cstdio>
#include <map>

#include "common/utf8.hpp"

namespace testing {
namespace {

std::string hex4(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04X", v);
    return buf;
}

// The text shown with an Identity-H font: each character is a CID, and the
// ToUnicode map tells a reader which character it stands for.
struct Glyphs {
    std::map<char32_t, unsigned> cid;
    std::string encode(const std::string& utf8) {
        std::string out = "<";
        for (std::size_t i = 0; i < utf8.size();) {
            const char32_t cp = common::next_code_point(utf8, i);
            const auto it = cid.emplace(cp, static_cast<unsigned>(cid.size() + 1)).first;
            out += hex4(it->second);
        }
        return out + ">";
    }
    std::string to_unicode() const {
        std::string map = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                          "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                          "1 begincodespacerange <0000> <FFFF> endcodespacerange\n";
        map += std::to_string(cid.size()) + " beginbfchar\n";
        for (const auto& [cp, id] : cid) map += "<" + hex4(id) + "> <" + hex4(static_cast<unsigned>(cp)) + ">\n";
        return map + "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end\n";
    }
};

std::string stream(const std::string& bytes) {
    return "<< /Length " + std::to_string(bytes.size()) + " >>\nstream\n" + bytes + "\nendstream";
}

}  // namespace

std::string make_pdf(const PdfSpec& spec) {
    Glyphs glyphs;
    // Objects 1 to 5 are fixed; each page adds a page object and its content.
    std::vector<std::string> objects(5);
    std::string kids;
    for (const std::string& page : spec.pages) {
        std::string content = "BT /F1 12 Tf 72 770 Td 14 TL\n";
        std::size_t from = 0;
        for (std::size_t nl; from <= page.size(); from = nl + 1) {
            nl = page.find('\n', from);
            if (nl == std::string::npos) nl = page.size();
            content += glyphs.encode(page.substr(from, nl - from)) + " Tj T*\n";
        }
        content += "ET";
        const std::size_t number = objects.size() + 1;
        kids += std::to_string(number) + " 0 R ";
        const std::size_t depth = number == 6 ? static_cast<std::size_t>(spec.nesting) : 0;  // the first page's
        const std::string deep = depth > 0 ? " /Deep " + std::string(depth, '[') + std::string(depth, ']') : "";
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                          std::to_string(number + 1) + " 0 R" + deep + " >>");
        objects.push_back(stream(content));
    }
    objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
    const std::string count = " /Count " + std::to_string(spec.pages.size()) + " >>";
    for (int level = 0; level < spec.tree_depth; ++level) {
        objects.push_back("<< /Type /Pages /Kids [" + kids + "]" + count);
        kids = std::to_string(objects.size()) + " 0 R";
    }
    objects[1] = "<< /Type /Pages /Kids [" + kids + "]" + count;
    objects[2] = "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>";
    objects[3] = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 /CIDToGIDMap /Identity"
                 " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>";
    objects[4] = stream(glyphs.to_unicode());
    if (!spec.padding.empty()) objects.push_back(stream(spec.padding));

    std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    std::string encrypt;
    if (spec.encrypted) {
        offsets.push_back(pdf.size());
        const std::string key(64, 'A');
        pdf += std::to_string(objects.size() + 1) + " 0 obj\n<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + key + "> /U <" + key + "> >>\nendobj\n";
        encrypt = " /Encrypt " + std::to_string(objects.size() + 1) + " 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t off : offsets) {
        char entry[32];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
        pdf += entry;
    }
    pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R" + encrypt + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

std::string make_pdf(const std::vector<std::string>& pages) {
    PdfSpec spec;
    spec.pages = pages;
    return make_pdf(spec);
}

}  // namespace testing
