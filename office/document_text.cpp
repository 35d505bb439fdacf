#include "office/document_text.hpp"

#include <stdexcept>

#include <pugixml.hpp>

#include "office/pdf_text.hpp"
#include "office/zip_reader.hpp"

namespace office {
namespace {

// No part of a form or a table comes near this; a larger one is a zip bomb.
constexpr std::uint64_t kMaxPartBytes = 64u * 1024 * 1024;

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Element names that start a new line for a reader: Word's paragraphs,
// table cells and breaks, Excel's shared strings and cells.
bool starts_line(const char* name) {
    const std::string n = name;
    return n == "w:p" || n == "w:tc" || n == "w:br" || n == "si" || n == "c";
}

// pugixml's walker visits the tree without recursion, so a part nested
// however deep cannot exhaust the stack.
class TextWalker : public pugi::xml_tree_walker {
public:
    explicit TextWalker(std::string& out) : out_(out) {}
    bool for_each(pugi::xml_node& node) override {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            out_ += node.value();
        } else if (node.type() == pugi::node_element && starts_line(node.name())) {
            if (started_) out_ += '\n';
            started_ = true;
        }
        return true;
    }

private:
    std::string& out_;
    bool started_ = false;
};

// Where Word and Excel keep what is written: the body, headers, footers and
// notes; the shared strings and each sheet's inline values and numbers.
bool holds_text(const std::string& name) {
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".xml") != 0) return false;
    return starts_with(name, "word/document") || starts_with(name, "word/header") || starts_with(name, "word/footer") ||
           starts_with(name, "word/footnotes") || starts_with(name, "word/endnotes") || starts_with(name, "word/comments") ||
           name == "xl/sharedStrings.xml" || starts_with(name, "xl/worksheets/sheet");
}

std::vector<TextPart> zip_text(const std::filesystem::path& file) {
    const ZipReader zip(file);
    std::vector<TextPart> parts;
    for (const std::string& name : zip.names()) {
        if (!holds_text(name)) continue;
        std::string xml = zip.read(name, kMaxPartBytes).value_or("");
        pugi::xml_document doc;
        const pugi::xml_parse_result parsed = doc.load_buffer_inplace(xml.data(), xml.size());
        if (!parsed) throw std::runtime_error(name + ": " + parsed.description());
        TextPart part{name, {}};
        TextWalker walker(part.text);
        doc.traverse(walker);
        parts.push_back(std::move(part));
    }
    return parts;
}

}  // namespace

bool has_document_text(const std::string& ext) { return ext == "pdf" || ext == "docx" || ext == "xlsx"; }

std::vector<TextPart> document_text(const std::filesystem::path& file, const std::string& ext) {
    if (ext != "pdf") return zip_text(file);
    std::vector<TextPart> parts;
    int number = 0;
    for (std::string& text : pdf_page_texts(file)) parts.push_back({"page " + std::to_string(++number), std::move(text)});
    return parts;
}

}  // namespace office
