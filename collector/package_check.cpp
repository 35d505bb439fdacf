#include "collector/package_check.hpp"

#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <pugixml.hpp>

#include "common/text.hpp"
#include "office/zip_reader.hpp"

namespace collector {
namespace {

// Limits on what a zip (DOCX, ODT) may inflate to.
constexpr std::uint32_t kMaxZipEntries = 2000;
constexpr std::uint64_t kMaxInflated = 200ull * 1024 * 1024;
constexpr std::uint64_t kMaxRatio = 200;
// A document's XML is parsed in memory: no part of a real one comes near this.
constexpr std::uint64_t kMaxXmlPart = 32ull * 1024 * 1024;

std::uint32_t u16(const unsigned char* p) { return p[0] | (p[1] << 8); }
std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) | (static_cast<std::uint32_t>(p[2]) << 16) |
           (static_cast<std::uint32_t>(p[3]) << 24);
}

enum class Kind { docx, odt, neither };

struct Scan {
    FileCheck refused;  // ok while the scan found nothing wrong
    Kind kind = Kind::neither;
};

// Reads the zip's central directory before anything inflates: entry
// counts, sizes and ratios, and which kind of package it claims to be.
Scan scan_directory(std::ifstream& in, std::uint64_t size) {
    Scan out{accept_as(""), Kind::neither};
    const std::uint64_t tail = std::min<std::uint64_t>(size, 65557);
    std::vector<unsigned char> end(tail);
    in.seekg(static_cast<std::streamoff>(size - tail));
    in.read(reinterpret_cast<char*>(end.data()), static_cast<std::streamsize>(tail));
    std::size_t eocd = std::string::npos;
    for (std::size_t i = tail >= 22 ? tail - 22 + 1 : 0; i-- > 0;)
        if (u32(&end[i]) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd == std::string::npos) return {refuse_damaged(), Kind::neither};
    const std::uint32_t entries = u16(&end[eocd + 10]);
    const std::uint32_t cd_size = u32(&end[eocd + 12]);
    const std::uint32_t cd_offset = u32(&end[eocd + 16]);
    if (entries > kMaxZipEntries) return {refuse("zip_bomb", "文档内部条目过多，疑为恶意文件"), Kind::neither};
    if (static_cast<std::uint64_t>(cd_offset) + cd_size > size) return {refuse_damaged(), Kind::neither};
    std::vector<unsigned char> cd(cd_size);
    in.seekg(cd_offset);
    in.read(reinterpret_cast<char*>(cd.data()), cd_size);
    std::uint64_t inflated = 0;
    bool content_types = false, word = false, mimetype = false;
    std::size_t p = 0;
    for (std::uint32_t i = 0; i < entries; ++i) {
        if (p + 46 > cd.size() || u32(&cd[p]) != 0x02014b50) return {refuse_damaged(), Kind::neither};
        const std::uint64_t compressed = u32(&cd[p + 20]);
        const std::uint64_t uncompressed = u32(&cd[p + 24]);
        const std::size_t name_len = u16(&cd[p + 28]), extra = u16(&cd[p + 30]), comment = u16(&cd[p + 32]);
        if (p + 46 + name_len > cd.size()) return {refuse_damaged(), Kind::neither};
        const std::string name(reinterpret_cast<const char*>(&cd[p + 46]), name_len);
        content_types = content_types || name == "[Content_Types].xml";
        word = word || name.rfind("word/", 0) == 0;
        mimetype = mimetype || name == "mimetype";
        inflated += uncompressed;
        if (inflated > kMaxInflated || (compressed > 0 && uncompressed / compressed > kMaxRatio) || (compressed == 0 && uncompressed > 0))
            return {refuse("zip_bomb", "文档解压后体积异常，疑为恶意文件"), Kind::neither};
        p += 46 + name_len + extra + comment;
    }
    if (content_types && word) out.kind = Kind::docx;
    else if (mimetype) {
        // An ODF package stores its type first and uncompressed.
        unsigned char local[30 + 8 + 39];
        in.seekg(0);
        in.read(reinterpret_cast<char*>(local), sizeof local);
        if (in && std::memcmp(local + 30, "mimetype", 8) == 0 && std::memcmp(local + 38, "application/vnd.oasis.opendocument.text", 39) == 0)
            out.kind = Kind::odt;
    }
    return out;
}

// The part's root element, or an empty name when the part is missing or
// not well-formed XML.
std::string root_of(const office::ZipReader& zip, const std::string& part) {
    const auto xml = zip.read(part, kMaxXmlPart);
    if (!xml) return "";
    pugi::xml_document doc;
    if (!doc.load_buffer(xml->data(), xml->size())) return "";
    return doc.document_element().name();
}

bool is_xml_part(const std::string& name) { return common::ends_with(name, ".xml") || common::ends_with(name, ".rels"); }

// What Word and WPS need to open a DOCX: the content types, the package's
// relationships pointing at the main document, and the document itself;
// what Writer needs for an ODT: its content and manifest. Every XML part
// must be well-formed, since a reader stops at the first that is not.
bool opens(const office::ZipReader& zip, Kind kind) {
    for (const std::string& name : zip.names())
        if (is_xml_part(name) && root_of(zip, name).empty()) return false;
    if (kind == Kind::docx)
        return root_of(zip, "[Content_Types].xml") == "Types" && root_of(zip, "_rels/.rels") == "Relationships" &&
               root_of(zip, "word/document.xml") == "w:document";
    return root_of(zip, "content.xml") == "office:document-content" && root_of(zip, "META-INF/manifest.xml") == "manifest:manifest";
}

}  // namespace

FileCheck check_package(const std::filesystem::path& file, std::uint64_t size, const char* not_a_document) {
    std::ifstream in(file, std::ios::binary);
    const Scan scan = scan_directory(in, size);
    if (!scan.refused.ok) return scan.refused;
    if (scan.kind == Kind::neither) return refuse("bad_file_type", not_a_document);
    try {
        const office::ZipReader zip(file);
        if (!opens(zip, scan.kind)) return refuse_damaged();
    } catch (const std::runtime_error&) {
        return refuse_damaged();
    }
    return accept_as(scan.kind == Kind::docx ? "docx" : "odt");
}

}  // namespace collector
