#include "office/word_body.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>

#include <pugixml.hpp>

#include "office/word_numbering.hpp"
#include "office/zip_reader.hpp"

namespace office {

namespace {

// A notice's document part is well under a megabyte; a part inflating far
// beyond that is a zip bomb, not a notice.
constexpr std::uint64_t kPartLimit = 64u << 20;
// Word nests tables in cells; a document nesting deeper than this is
// hostile, and the reader recurses once per level.
constexpr int kMaxDepth = 32;

bool is(const pugi::xml_node& node, const char* name) { return std::strcmp(node.name(), name) == 0; }

// The words of one paragraph. A field is "{begin} instruction {separate}
// shown result {end}"; only the result is what a reader sees, and fields
// nest, so each open field remembers whether it is past its separator.
class ParagraphText {
public:
    void element(const pugi::xml_node& node, int depth) {
        if (depth > kMaxDepth) throw std::runtime_error("word/document.xml nests deeper than " + std::to_string(kMaxDepth) + " levels");
        for (const pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            if (is(child, "w:r")) {
                run(child);
            } else if (is(child, "w:hyperlink") || is(child, "w:smartTag") || is(child, "w:ins") || is(child, "w:moveTo") ||
                       is(child, "w:fldSimple") || is(child, "w:customXml") || is(child, "w:sdtContent") || is(child, "w:dir") ||
                       is(child, "w:bdo")) {
                element(child, depth + 1);
            } else if (is(child, "w:sdt")) {
                element(child.child("w:sdtContent"), depth + 1);
            }
            // Left out: w:pPr (formatting), bookmarks, comments' ranges,
            // proofing marks, w:del and w:moveFrom (deleted revisions).
        }
    }
    std::string text;
    int pictures = 0;

private:
    void run(const pugi::xml_node& r) {
        for (const pugi::xml_node c : r.children()) {
            if (is(c, "w:fldChar")) {
                const std::string type = c.attribute("w:fldCharType").as_string();
                if (type == "begin") fields_.push_back(false);
                else if (type == "separate" && !fields_.empty()) fields_.back() = true;
                else if (type == "end" && !fields_.empty()) fields_.pop_back();
                continue;
            }
            if (in_instruction()) continue;
            if (is(c, "w:t")) {
                text += c.text().get();
            } else if (is(c, "w:tab") || is(c, "w:ptab")) {
                text += '\t';
            } else if (is(c, "w:br")) {
                const std::string type = c.attribute("w:type").as_string();
                if (type.empty() || type == "textWrapping") text += '\n';  // a page or column break ends no line of text
            } else if (is(c, "w:cr")) {
                text += '\n';
            } else if (is(c, "w:noBreakHyphen")) {
                text += '-';
            } else if (is(c, "w:drawing") || is(c, "w:pict") || is(c, "w:object") || is(c, "mc:AlternateContent")) {
                ++pictures;  // one picture, though its alternatives are two elements
            }
            // w:instrText is a field's instruction; w:delText deleted text;
            // symbols carry no words.
        }
    }
    bool in_instruction() const {
        for (const bool past_separator : fields_)
            if (!past_separator) return true;
        return false;
    }
    std::vector<bool> fields_;
};

class BodyReader {
public:
    explicit BodyReader(WordNumbering& numbering) : numbering_(numbering) {}

    void blocks(const pugi::xml_node& parent, std::vector<WordBlock>& out, int depth) {
        if (depth > kMaxDepth) throw std::runtime_error("word/document.xml nests deeper than " + std::to_string(kMaxDepth) + " levels");
        for (const pugi::xml_node child : parent.children()) {
            if (is(child, "w:p")) out.emplace_back(paragraph(child));
            else if (is(child, "w:tbl")) out.emplace_back(table(child, depth + 1));
            else if (is(child, "w:sdt")) blocks(child.child("w:sdtContent"), out, depth + 1);
            else if (is(child, "w:customXml")) blocks(child, out, depth + 1);
        }
    }

private:
    WordParagraph paragraph(const pugi::xml_node& p) {
        WordParagraph out;
        const pugi::xml_node props = p.child("w:pPr");
        out.style = props.child("w:pStyle").attribute("w:val").as_string();
        ParagraphText words;
        words.element(p, 0);
        if (const pugi::xml_node num = props.child("w:numPr")) {
            const int id = num.child("w:numId").attribute("w:val").as_int(0);
            const int level = num.child("w:ilvl").attribute("w:val").as_int(0);
            if (id != 0) out.text = numbering_.next(id, level);
        }
        out.text += words.text;
        out.pictures = words.pictures;
        return out;
    }

    WordTable table(const pugi::xml_node& tbl, int depth) {
        WordTable out;
        for (const pugi::xml_node tr : tbl.children("w:tr")) {
            WordRow row;
            for (const pugi::xml_node tc : tr.children("w:tc")) {
                WordCell cell;
                const pugi::xml_node props = tc.child("w:tcPr");
                cell.span = std::max(1, props.child("w:gridSpan").attribute("w:val").as_int(1));
                if (const pugi::xml_node merge = props.child("w:vMerge")) {
                    const std::string how = merge.attribute("w:val").as_string();
                    cell.continues_above = how.empty() || how == "continue";
                }
                cell_paragraphs(tc, cell.paragraphs, depth + 1);
                row.cells.push_back(std::move(cell));
            }
            out.rows.push_back(std::move(row));
        }
        return out;
    }

    void cell_paragraphs(const pugi::xml_node& parent, std::vector<std::string>& out, int depth) {
        std::vector<WordBlock> inner;
        blocks(parent, inner, depth);
        for (const WordBlock& b : inner) {
            if (const auto* p = std::get_if<WordParagraph>(&b)) {
                out.push_back(p->text);
                continue;
            }
            for (const WordRow& r : std::get<WordTable>(b).rows)
                for (const WordCell& c : r.cells) out.insert(out.end(), c.paragraphs.begin(), c.paragraphs.end());
        }
    }

    WordNumbering& numbering_;
};

}  // namespace

std::vector<WordBlock> read_word_body(const std::filesystem::path& file) {
    const ZipReader zip(file);
    const std::optional<std::string> xml = zip.read("word/document.xml", kPartLimit);
    if (!xml) throw std::runtime_error("no word/document.xml: not a Word document");
    WordNumbering numbering(zip.read("word/numbering.xml", kPartLimit).value_or(""));
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(xml->data(), xml->size(), pugi::parse_default | pugi::parse_ws_pcdata);  // a w:t of one space is a word gap
    if (!parsed) throw std::runtime_error(std::string("word/document.xml is not well-formed XML: ") + parsed.description());
    const pugi::xml_node body = doc.child("w:document").child("w:body");
    if (!body) throw std::runtime_error("word/document.xml has no w:body");
    std::vector<WordBlock> out;
    BodyReader(numbering).blocks(body, out, 0);
    return out;
}

}  // namespace office
