#include "support/seed_documents.hpp"

#include <algorithm>
#include <sstream>

#include "office/office_zip.hpp"

namespace testing {

namespace {

const std::string kBookmark = "[bookmark: _GoBack]";

SeedLine seed_line(std::string s) {
    SeedLine line;
    if (const auto at = s.find(kBookmark); at != std::string::npos) {
        s.erase(at, kBookmark.size());
        line.bookmark = true;
    }
    line.text = s;
    return line;
}

bool ends_with_two_spaces(const std::string& s) { return s.size() >= 2 && s.compare(s.size() - 2, 2, "  ") == 0; }

std::string escape_html(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else out += c;
    }
    return out;
}

std::string html_lines(const std::vector<SeedLine>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i) out += "<br>";
        if (lines[i].bookmark) out += "<a name=\"_GoBack\"></a>";
        out += escape_html(lines[i].text);
    }
    return out;
}

// Runs as Word writes them: each with its own direct formatting.
std::string run(const std::string& text) {
    return "<w:r><w:rPr><w:rFonts w:ascii=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\" w:hAnsi=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/></w:rPr>"
           "<w:t xml:space=\"preserve\">" + xml_text(text) + "</w:t></w:r>";
}

// A line holding a URL: Word turns it into a HYPERLINK field, whose
// instruction repeats the address and must not reach the text.
std::string runs_of(const std::string& text) {
    const auto at = text.find("http://");
    if (at == std::string::npos) return run(text);
    const std::string url = text.substr(at);
    return run(text.substr(0, at)) + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"" +
           xml_text(url) + "\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" + run(url) +
           "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
}

std::string docx_paragraph(const std::vector<SeedLine>& lines) {
    std::string out = "<w:p><w:pPr><w:spacing w:line=\"560\"/><w:ind w:firstLine=\"640\"/></w:pPr>";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i) out += "<w:r><w:br/></w:r>";
        if (lines[i].bookmark) out += "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>";
        if (!lines[i].text.empty()) out += runs_of(lines[i].text);
    }
    return out + "</w:p>";
}

// ODF text: a run of spaces keeps its width only as <text:s/>.
std::string odf_text(const std::string& s) {
    std::string out;
    bool after_space = true;  // a leading space collapses too
    for (const char c : s) {
        if (c == ' ') {
            out += after_space ? "<text:s/>" : " ";
            after_space = true;
            continue;
        }
        after_space = false;
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else out += c;
    }
    return out;
}

std::string odf_lines(const std::vector<SeedLine>& lines, std::size_t skip) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i) out += "<text:line-break/>";
        if (lines[i].bookmark) out += "<text:bookmark text:name=\"_GoBack\"/>";
        out += odf_text(i == 0 ? lines[i].text.substr(skip) : lines[i].text);
    }
    return out;
}

const char* const kChineseNumbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// The seed's own number at the start of a paragraph: 一、 (kind 1) or N． (kind 2),
// its value and its length in bytes.
struct SeedNumber {
    int kind = 0, value = 0;
    std::size_t bytes = 0;
};

SeedNumber seed_number(const std::string& s) {
    for (int i = 0; i < 10; ++i)
        if (s.compare(0, 3, kChineseNumbers[i]) == 0 && s.compare(3, 3, "、") == 0) return {1, i + 1, 6};
    std::size_t d = 0;
    while (d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
    if (d > 0 && d < 3 && s.compare(d, 3, "．") == 0) return {2, std::stoi(s.substr(0, d)), d + 3};
    return {};
}

}  // namespace

std::string xml_text(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

std::vector<SeedBlock> parse_seed(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::vector<SeedBlock> blocks;
    bool in_table = false, after_blank = false, joining = false;
    for (const std::string& line : lines) {
        const bool cell = !line.empty() && line[0] == '\t';
        const bool blank = line.find_first_not_of(" \t") == std::string::npos && !cell;
        if (in_table) {
            auto& rows = blocks.back().rows;
            if (cell) {
                if (after_blank || rows.empty()) rows.emplace_back();
                rows.back().push_back({seed_line(line.substr(1))});
                after_blank = false;
                continue;
            }
            if (blank) {
                after_blank = true;
                continue;
            }
            if (!after_blank) {  // a line break inside the last cell
                rows.back().back().push_back(seed_line(line));
                continue;
            }
            in_table = false;
        }
        if (cell) {
            SeedBlock t;
            t.table = true;
            t.rows.emplace_back();
            t.rows.back().push_back({seed_line(line.substr(1))});
            blocks.push_back(std::move(t));
            in_table = true;
            after_blank = false;
            joining = false;
            continue;
        }
        if (joining && !blank) {
            blocks.back().paragraph.push_back(seed_line(line));
        } else {
            SeedBlock p;
            p.paragraph.push_back(seed_line(blank ? "" : line));
            blocks.push_back(std::move(p));
        }
        joining = !blank && ends_with_two_spaces(line);
    }
    return blocks;
}

std::string seed_html(const std::vector<SeedBlock>& blocks) {
    std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>seed</title></head>"
                      "<body style=\"font-family: '仿宋_GB2312'\">\n";
    for (const SeedBlock& b : blocks) {
        if (!b.table) {
            out += "<p>" + html_lines(b.paragraph) + "</p>\n";
            continue;
        }
        out += "<table border=\"1\">\n";
        for (const auto& row : b.rows) {
            out += "<tr>";
            for (const auto& cell : row) out += "<td>" + html_lines(cell) + "</td>";
            out += "</tr>\n";
        }
        out += "</table>\n";
    }
    return out + "</body></html>\n";
}

std::string seed_docx(const std::vector<SeedBlock>& blocks) {
    std::string body;
    for (const SeedBlock& b : blocks) {
        if (!b.table) {
            body += docx_paragraph(b.paragraph);
            continue;
        }
        body += "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>";
        for (const auto& row : b.rows) {
            body += "<w:tr>";
            for (const auto& cell : row) body += "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>" + docx_paragraph(cell) + "</w:tc>";
            body += "</w:tr>";
        }
        body += "</w:tbl><w:p/>";  // Word ends a table with a paragraph
    }
    return docx_package(body);
}

std::string docx_package(const std::string& body_xml, const std::string& numbering_xml) {
    const std::string ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    std::string types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        "<Override PartName=\"/word/document.xml\" "
                        "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>";
    if (!numbering_xml.empty())
        types += "<Override PartName=\"/word/numbering.xml\" "
                 "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>";
    types += "</Types>";
    const std::string rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                             "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                             "Target=\"word/document.xml\"/></Relationships>";
    std::string doc_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    if (!numbering_xml.empty())
        doc_rels += "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" "
                    "Target=\"numbering.xml\"/>";
    doc_rels += "</Relationships>";
    const std::string document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " + ns + "><w:body>" + body_xml +
                                 "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";
    std::vector<office::ZipEntry> entries{{"[Content_Types].xml", types}, {"_rels/.rels", rels}, {"word/_rels/document.xml.rels", doc_rels},
                                          {"word/document.xml", document}};
    if (!numbering_xml.empty())
        entries.push_back({"word/numbering.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering " + ns + ">" +
                                                     numbering_xml + "</w:numbering>"});
    return office::zip_package(entries);
}

}  // namespace testing

namespace testing {

std::string seed_fodt(const std::vector<SeedBlock>& blocks) {
    std::string body;
    int chinese = 0, decimal = 0;  // the number each kind of list has reached
    bool in_list = false;
    int list_kind = 0, lists = 0;
    std::string last_chinese;  // the id of the last 一、 list
    auto close_list = [&] {
        if (in_list) body += "</text:list>";
        in_list = false;
    };
    for (const SeedBlock& b : blocks) {
        if (b.table) {
            close_list();
            decimal = 0;
            std::size_t width = 0;
            for (const auto& row : b.rows) width = std::max(width, row.size());
            body += "<table:table><table:table-column table:number-columns-repeated=\"" + std::to_string(width) + "\"/>";
            for (const auto& row : b.rows) {
                body += "<table:table-row>";
                for (const auto& cell : row) body += "<table:table-cell office:value-type=\"string\"><text:p>" + odf_lines(cell, 0) + "</text:p></table:table-cell>";
                body += "</table:table-row>";
            }
            body += "</table:table>";
            continue;
        }
        const std::string& first = b.paragraph.front().text;
        if (first.rfind("附件", 0) == 0 && first.size() <= 7) chinese = 0;  // "附件N": each attachment counts anew
        const SeedNumber n = seed_number(first);
        int& reached = n.kind == 1 ? chinese : decimal;
        if (n.kind && n.value == reached + 1) {
            // An item of a list: of the open one if it is this kind, else one
            // that starts at 1 or, for 一、, continues the last.
            if (!in_list || list_kind != n.kind) {
                close_list();
                // ODF continues a list that is not the one just closed by its id.
                const std::string id = "list" + std::to_string(++lists);
                body += std::string("<text:list xml:id=\"") + id + "\" text:style-name=\"" + (n.kind == 1 ? "Chinese" : "Decimal") + "\"" +
                        (n.kind == 1 && n.value > 1 ? " text:continue-list=\"" + last_chinese + "\"" : "") + ">";
                if (n.kind == 1) last_chinese = id;
                in_list = true;
                list_kind = n.kind;
            }
            body += "<text:list-item><text:p>" + odf_lines(b.paragraph, n.bytes) + "</text:p></text:list-item>";
            reached = n.value;
            if (n.kind == 1) decimal = 0;  // 1． counts anew under each 一、
            continue;
        }
        close_list();
        if (n.kind == 2 && n.value == 1) decimal = 0;
        body += "<text:p>" + odf_lines(b.paragraph, 0) + "</text:p>";
    }
    close_list();
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
           "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
           "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
           "office:version=\"1.3\" office:mimetype=\"application/vnd.oasis.opendocument.text\">"
           "<office:automatic-styles>"
           "<text:list-style style:name=\"Chinese\"><text:list-level-style-number text:level=\"1\" style:num-format=\"一, 二, 三, ...\" "
           "style:num-suffix=\"、\"/></text:list-style>"
           "<text:list-style style:name=\"Decimal\"><text:list-level-style-number text:level=\"1\" style:num-format=\"1\" "
           "style:num-suffix=\"．\"/></text:list-style>"
           "</office:automatic-styles><office:body><office:text>" +
           body + "</office:text></office:body></office:document>\n";
}

}  // namespace testing
