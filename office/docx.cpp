#include "office/docx.hpp"

#include <numeric>
#include <sstream>

#include <pugixml.hpp>

#include "office/office_zip.hpp"

namespace office::docx {
namespace {

// OOXML namespaces and relationship types (ECMA-376).
const char* const kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const char* const kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const char* const kPackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";
const char* const kOfficeRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm,
// right 26 mm), in twentieths of a point.
constexpr int kPageWidth = 11906, kPageHeight = 16838;
constexpr int kMarginTop = 2098, kMarginBottom = 1984, kMarginLeft = 1588, kMarginRight = 1474;
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;

int mm_to_twips(int mm) { return mm * 1440 * 10 / 254; }

std::string to_xml(const pugi::xml_document& doc) {
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    return out.str();
}

pugi::xml_node add(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

// <w:NAME w:val="VALUE"/>, the shape of most WordprocessingML properties.
pugi::xml_node add_val(pugi::xml_node parent, const char* name, const std::string& value) {
    pugi::xml_node n = parent.append_child(name);
    n.append_attribute("w:val") = value.c_str();
    return n;
}

const char* style_id(Style s) {
    switch (s) {
        case Style::title: return "DocTitle";
        case Style::subtitle: return "DocSubtitle";
        case Style::heading: return "Heading1";
        case Style::body: return "BodyText";
        case Style::note: return "Note";
        case Style::outline: return "Outline";
        case Style::sign: return "Signature";
    }
    return "BodyText";
}

// Text with its line breaks; spaces kept, as the blanks of signature lines need them.
void add_runs(pugi::xml_node p, const std::string& text) {
    pugi::xml_node r = add(p, "w:r");
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find('\n', start);
        pugi::xml_node t = add(r, "w:t");
        t.append_attribute("xml:space") = "preserve";
        t.text() = text.substr(start, end == std::string::npos ? std::string::npos : end - start).c_str();
        if (end == std::string::npos) break;
        add(r, "w:br");
        start = end + 1;
    }
}

void add_paragraph(pugi::xml_node body, const Paragraph& para) {
    pugi::xml_node p = add(body, "w:p");
    pugi::xml_node ppr = add(p, "w:pPr");
    add_val(ppr, "w:pStyle", style_id(para.style));
    if (para.page_break_before) add(ppr, "w:pageBreakBefore");
    if (para.indent_chars > 0) {
        pugi::xml_node ind = add(ppr, "w:ind");
        ind.append_attribute("w:leftChars") = para.indent_chars * 100;
        ind.append_attribute("w:left") = para.indent_chars * 320;
    }
    if (!para.text.empty()) add_runs(p, para.text);
}

void add_table(pugi::xml_node body, const Table& table) {
    pugi::xml_node tbl = add(body, "w:tbl");
    pugi::xml_node pr = add(tbl, "w:tblPr");
    add_val(pr, "w:tblStyle", "FormGrid");
    pugi::xml_node w = add(pr, "w:tblW");
    w.append_attribute("w:w") = kTextWidth;
    w.append_attribute("w:type") = "dxa";
    add_val(pr, "w:jc", "center");
    pugi::xml_node layout = add(pr, "w:tblLayout");
    layout.append_attribute("w:type") = "fixed";

    // Grid columns share the text width in proportion; the last takes the rounding.
    const int parts = std::accumulate(table.widths.begin(), table.widths.end(), 0);
    std::vector<int> grid;
    int used = 0;
    for (std::size_t i = 0; i < table.widths.size(); ++i) {
        const int width = i + 1 == table.widths.size() ? kTextWidth - used : kTextWidth * table.widths[i] / (parts > 0 ? parts : 1);
        grid.push_back(width);
        used += width;
    }
    pugi::xml_node g = add(tbl, "w:tblGrid");
    for (int width : grid) add(g, "w:gridCol").append_attribute("w:w") = width;

    for (const Row& row : table.rows) {
        pugi::xml_node tr = add(tbl, "w:tr");
        pugi::xml_node trpr = add(tr, "w:trPr");
        add(trpr, "w:cantSplit");
        if (row.min_height_mm > 0) {
            pugi::xml_node h = add(trpr, "w:trHeight");
            h.append_attribute("w:val") = mm_to_twips(row.min_height_mm);
            h.append_attribute("w:hRule") = "atLeast";
        }
        if (row.header) add(trpr, "w:tblHeader");
        std::size_t column = 0;
        for (const Cell& cell : row.cells) {
            int width = 0;
            for (int i = 0; i < cell.span && column < grid.size(); ++i) width += grid[column++];
            pugi::xml_node tc = add(tr, "w:tc");
            pugi::xml_node tcpr = add(tc, "w:tcPr");
            pugi::xml_node tcw = add(tcpr, "w:tcW");
            tcw.append_attribute("w:w") = width;
            tcw.append_attribute("w:type") = "dxa";
            if (cell.span > 1) add_val(tcpr, "w:gridSpan", std::to_string(cell.span));
            add_val(tcpr, "w:vAlign", "center");
            // A cell must hold a paragraph, even a blank one.
            pugi::xml_node p = add(tc, "w:p");
            pugi::xml_node ppr = add(p, "w:pPr");
            add_val(ppr, "w:pStyle", "TableText");
            if (cell.label || row.header) add_val(ppr, "w:jc", "center");
            if (!cell.text.empty()) add_runs(p, cell.text);
        }
    }
}

std::string document_xml(const Document& doc) {
    pugi::xml_document x;
    pugi::xml_node root = x.append_child("w:document");
    root.append_attribute("xmlns:w") = kW;
    root.append_attribute("xmlns:r") = kR;
    pugi::xml_node body = add(root, "w:body");
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        if (const auto* p = std::get_if<Paragraph>(&doc.blocks[i])) {
            add_paragraph(body, *p);
            continue;
        }
        add_table(body, std::get<Table>(doc.blocks[i]));
        // Two tables in a row would merge into one; the body must not end in a table.
        const bool next_is_table = i + 1 < doc.blocks.size() && std::holds_alternative<Table>(doc.blocks[i + 1]);
        if (next_is_table || i + 1 == doc.blocks.size()) add_paragraph(body, Paragraph{Style::outline, "", 0, false});
    }
    pugi::xml_node sect = add(body, "w:sectPr");
    pugi::xml_node size = add(sect, "w:pgSz");
    size.append_attribute("w:w") = kPageWidth;
    size.append_attribute("w:h") = kPageHeight;
    pugi::xml_node mar = add(sect, "w:pgMar");
    mar.append_attribute("w:top") = kMarginTop;
    mar.append_attribute("w:right") = kMarginRight;
    mar.append_attribute("w:bottom") = kMarginBottom;
    mar.append_attribute("w:left") = kMarginLeft;
    mar.append_attribute("w:header") = 851;
    mar.append_attribute("w:footer") = 992;
    mar.append_attribute("w:gutter") = 0;
    return to_xml(x);
}

// Run properties naming a Chinese font for East Asian text, Times New Roman
// for Latin text and digits, as official documents set them.
void add_fonts(pugi::xml_node rpr, const char* east_asian, int half_points) {
    pugi::xml_node f = add(rpr, "w:rFonts");
    f.append_attribute("w:ascii") = "Times New Roman";
    f.append_attribute("w:hAnsi") = "Times New Roman";
    f.append_attribute("w:eastAsia") = east_asian;
    f.append_attribute("w:cs") = "Times New Roman";
    add_val(rpr, "w:sz", std::to_string(half_points));
    add_val(rpr, "w:szCs", std::to_string(half_points));
}

struct StyleSpec {
    const char* id;
    const char* name;
    const char* font;
    int half_points;
    const char* align;       // empty: justified
    int first_line_chars;    // first-line indent in hundredths of a character
    int line_twips;          // exact line pitch; 0: single
};

// 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt; GB/T 9704 sets body text at
// 28 pt line pitch.
const StyleSpec kStyles[] = {
    {"DocTitle", "Title", "方正小标宋简体", 44, "center", 0, 0},
    {"DocSubtitle", "Subtitle", "楷体_GB2312", 32, "center", 0, 560},
    {"Heading1", "heading 1", "黑体", 32, "", 0, 560},
    {"BodyText", "Body Text", "仿宋_GB2312", 32, "", 200, 560},
    {"Note", "Note", "仿宋_GB2312", 28, "", 0, 0},
    {"Outline", "Outline", "仿宋_GB2312", 32, "", 0, 560},
    {"Signature", "Signature", "仿宋_GB2312", 32, "right", 0, 560},
    {"TableText", "Table Text", "仿宋_GB2312", 24, "", 0, 0},
};

std::string styles_xml() {
    pugi::xml_document x;
    pugi::xml_node root = x.append_child("w:styles");
    root.append_attribute("xmlns:w") = kW;
    pugi::xml_node defaults = add(root, "w:docDefaults");
    pugi::xml_node rpr = add(add(defaults, "w:rPrDefault"), "w:rPr");
    add_fonts(rpr, "仿宋_GB2312", 32);
    pugi::xml_node lang = add(rpr, "w:lang");
    lang.append_attribute("w:val") = "en-US";
    lang.append_attribute("w:eastAsia") = "zh-CN";
    add(defaults, "w:pPrDefault");

    pugi::xml_node normal = add(root, "w:style");
    normal.append_attribute("w:type") = "paragraph";
    normal.append_attribute("w:default") = "1";
    normal.append_attribute("w:styleId") = "Normal";
    add_val(normal, "w:name", "Normal");
    for (const StyleSpec& s : kStyles) {
        pugi::xml_node st = add(root, "w:style");
        st.append_attribute("w:type") = "paragraph";
        st.append_attribute("w:styleId") = s.id;
        add_val(st, "w:name", s.name);
        add_val(st, "w:basedOn", "Normal");
        add(st, "w:qFormat");
        pugi::xml_node ppr = add(st, "w:pPr");
        if (std::string(s.id) == "Heading1") {
            add(ppr, "w:keepNext");
            add_val(ppr, "w:outlineLvl", "0");
        }
        if (s.line_twips > 0) {
            pugi::xml_node sp = add(ppr, "w:spacing");
            sp.append_attribute("w:line") = s.line_twips;
            sp.append_attribute("w:lineRule") = "exact";
        }
        if (s.first_line_chars > 0) {
            pugi::xml_node ind = add(ppr, "w:ind");
            ind.append_attribute("w:firstLineChars") = s.first_line_chars;
            ind.append_attribute("w:firstLine") = s.first_line_chars * s.half_points / 10;
        }
        add_val(ppr, "w:jc", *s.align ? s.align : "both");
        add_fonts(add(st, "w:rPr"), s.font, s.half_points);
    }

    pugi::xml_node grid = add(root, "w:style");
    grid.append_attribute("w:type") = "table";
    grid.append_attribute("w:styleId") = "FormGrid";
    add_val(grid, "w:name", "Form Grid");
    pugi::xml_node tpr = add(grid, "w:tblPr");
    pugi::xml_node borders = add(tpr, "w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
        pugi::xml_node b = add_val(borders, side, "single");
        b.append_attribute("w:sz") = 6;
        b.append_attribute("w:space") = 0;
        b.append_attribute("w:color") = "000000";
    }
    pugi::xml_node mar = add(tpr, "w:tblCellMar");
    for (const char* side : {"w:left", "w:right"}) {
        pugi::xml_node m = add(mar, side);
        m.append_attribute("w:w") = 108;
        m.append_attribute("w:type") = "dxa";
    }
    return to_xml(x);
}

// The fonts named, each with the name of the face to use where it is missing:
// few machines outside government offices carry the _GB2312 faces.
std::string font_table_xml() {
    struct Font {
        const char* name;
        const char* alternative;
        const char* family;
    };
    const Font fonts[] = {
        {"仿宋_GB2312", "仿宋", "modern"},
        {"方正小标宋简体", "宋体", "script"},
        {"楷体_GB2312", "楷体", "modern"},
        {"黑体", "SimHei", "modern"},
        {"Times New Roman", "", "roman"},
    };
    pugi::xml_document x;
    pugi::xml_node root = x.append_child("w:fonts");
    root.append_attribute("xmlns:w") = kW;
    for (const Font& f : fonts) {
        pugi::xml_node n = add(root, "w:font");
        n.append_attribute("w:name") = f.name;
        if (*f.alternative) add_val(n, "w:altName", f.alternative);
        add_val(n, "w:charset", *f.alternative ? "86" : "00");
        add_val(n, "w:family", f.family);
        add_val(n, "w:pitch", "variable");
    }
    return to_xml(x);
}

std::string content_types_xml() {
    pugi::xml_document x;
    pugi::xml_node root = x.append_child("Types");
    root.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/content-types";
    auto def = [&](const char* ext, const char* type) {
        pugi::xml_node d = add(root, "Default");
        d.append_attribute("Extension") = ext;
        d.append_attribute("ContentType") = type;
    };
    auto over = [&](const char* part, const char* type) {
        pugi::xml_node o = add(root, "Override");
        o.append_attribute("PartName") = part;
        o.append_attribute("ContentType") = type;
    };
    def("rels", "application/vnd.openxmlformats-package.relationships+xml");
    def("xml", "application/xml");
    over("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    over("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml");
    over("/word/fontTable.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml");
    over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    return to_xml(x);
}

std::string relationships_xml(const std::vector<std::pair<std::string, std::string>>& type_and_target) {
    pugi::xml_document x;
    pugi::xml_node root = x.append_child("Relationships");
    root.append_attribute("xmlns") = kPackageRels;
    int id = 0;
    for (const auto& [type, target] : type_and_target) {
        pugi::xml_node r = add(root, "Relationship");
        r.append_attribute("Id") = ("rId" + std::to_string(++id)).c_str();
        r.append_attribute("Type") = type.c_str();
        r.append_attribute("Target") = target.c_str();
    }
    return to_xml(x);
}

std::string core_xml(const Document& doc) {
    pugi::xml_document x;
    pugi::xml_node root = x.append_child("cp:coreProperties");
    root.append_attribute("xmlns:cp") = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    root.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
    root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    add(root, "dc:title").text() = doc.title.c_str();
    add(root, "dc:creator").text() = doc.author.c_str();
    add(root, "dc:language").text() = "zh-CN";
    if (!doc.date.empty()) {
        pugi::xml_node created = add(root, "dcterms:created");
        created.append_attribute("xsi:type") = "dcterms:W3CDTF";
        created.text() = (doc.date + "T00:00:00Z").c_str();
    }
    return to_xml(x);
}

}  // namespace

std::string docx_bytes(const Document& doc) {
    const std::string office(kOfficeRel);
    return zip_package({
        {"[Content_Types].xml", content_types_xml()},
        {"_rels/.rels", relationships_xml({{office + "officeDocument", "word/document.xml"},
                                           {std::string(kPackageRels) + "/metadata/core-properties", "docProps/core.xml"}})},
        {"word/_rels/document.xml.rels", relationships_xml({{office + "styles", "styles.xml"}, {office + "fontTable", "fontTable.xml"}})},
        {"word/document.xml", document_xml(doc)},
        {"word/styles.xml", styles_xml()},
        {"word/fontTable.xml", font_table_xml()},
        {"docProps/core.xml", core_xml(doc)},
    });
}

std::string plain_text(const Document& doc) {
    std::string out = doc.title + "\n";
    for (const Block& b : doc.blocks) {
        if (const auto* p = std::get_if<Paragraph>(&b)) {
            out += p->text + "\n";
            continue;
        }
        for (const Row& row : std::get<Table>(b).rows)
            for (const Cell& c : row.cells) out += c.text + "\n";
    }
    return out;
}

}  // namespace office::docx
