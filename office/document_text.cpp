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

// Element names after which a reader sees a new line: Word's paragraphs and
// table cells, Excel's shared strings and cells.
bool ends_line(const char* name) {
    const std::string n = name;
    return n == "w:p" || n == "w:tc" || n == "w:br" || n == "si" || n == "c";
}

void append_text(const pugi::xml_node& node, std::string& out) {
    for (const pugi::xml_node& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) out += child.value();
        else if (child.type() == pugi::node_element) {
            append_text(child, out);
            if (ends_line(child.name())) out += '\n';
        }
    }
}

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
        const std::string xml = zip.read(name, kMaxPartBytes).value_or("");
        pugi::xml_document doc;
        const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
        if (!parsed) throw std::runtime_error(name + ": " + parsed.description());
        TextPart part{name, {}};
        append_text(doc, part.text);
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
