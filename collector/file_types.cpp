#include "collector/file_types.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

namespace collector {
namespace {

// Limits on what a zip (DOCX, ODT) may inflate to.
constexpr std::uint32_t kMaxZipEntries = 2000;
constexpr std::uint64_t kMaxInflated = 200ull * 1024 * 1024;
constexpr std::uint64_t kMaxRatio = 200;

std::uint32_t u16(const unsigned char* p) { return p[0] | (p[1] << 8); }
std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) | (static_cast<std::uint32_t>(p[2]) << 16) |
           (static_cast<std::uint32_t>(p[3]) << 24);
}

std::string lower_ext(const std::string& name) {
    const auto dot = name.rfind('.');
    std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return ext;
}

FileCheck refuse(const std::string& code, const std::string& message) { return FileCheck{false, "", code, message}; }

// Reads the zip's central directory: entry names, sizes and ratios.
FileCheck check_zip(std::ifstream& in, std::uint64_t size) {
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
    if (eocd == std::string::npos) return refuse("bad_file_type", "文件已损坏：不是完整的DOCX/ODT文档");
    const std::uint32_t entries = u16(&end[eocd + 10]);
    const std::uint32_t cd_size = u32(&end[eocd + 12]);
    const std::uint32_t cd_offset = u32(&end[eocd + 16]);
    if (entries > kMaxZipEntries) return refuse("zip_bomb", "文档内部条目过多，疑为恶意文件");
    if (static_cast<std::uint64_t>(cd_offset) + cd_size > size) return refuse("bad_file_type", "文件已损坏：不是完整的DOCX/ODT文档");
    std::vector<unsigned char> cd(cd_size);
    in.seekg(cd_offset);
    in.read(reinterpret_cast<char*>(cd.data()), cd_size);
    std::uint64_t inflated = 0;
    bool content_types = false, word = false, mimetype = false;
    std::size_t p = 0;
    for (std::uint32_t i = 0; i < entries; ++i) {
        if (p + 46 > cd.size() || u32(&cd[p]) != 0x02014b50) return refuse("bad_file_type", "文件已损坏：不是完整的DOCX/ODT文档");
        const std::uint64_t compressed = u32(&cd[p + 20]);
        const std::uint64_t uncompressed = u32(&cd[p + 24]);
        const std::size_t name_len = u16(&cd[p + 28]), extra = u16(&cd[p + 30]), comment = u16(&cd[p + 32]);
        if (p + 46 + name_len > cd.size()) return refuse("bad_file_type", "文件已损坏：不是完整的DOCX/ODT文档");
        const std::string name(reinterpret_cast<const char*>(&cd[p + 46]), name_len);
        content_types = content_types || name == "[Content_Types].xml";
        word = word || name.rfind("word/", 0) == 0;
        mimetype = mimetype || name == "mimetype";
        inflated += uncompressed;
        if (inflated > kMaxInflated || (compressed > 0 && uncompressed / compressed > kMaxRatio) || (compressed == 0 && uncompressed > 0))
            return refuse("zip_bomb", "文档解压后体积异常，疑为恶意文件");
        p += 46 + name_len + extra + comment;
    }
    if (content_types && word) return FileCheck{true, "docx", "", ""};
    if (mimetype) {
        // An ODF package stores its type first and uncompressed.
        unsigned char local[30 + 8 + 39];
        in.seekg(0);
        in.read(reinterpret_cast<char*>(local), sizeof local);
        if (in && std::memcmp(local + 30, "mimetype", 8) == 0 && std::memcmp(local + 38, "application/vnd.oasis.opendocument.text", 39) == 0)
            return FileCheck{true, "odt", "", ""};
    }
    return refuse("bad_file_type", "只接受PDF、Word（DOC/DOCX）、WPS、ODT文档或JPEG/PNG扫描件");
}

}  // namespace

FileCheck check_upload(const std::filesystem::path& file, const std::string& claimed_name) {
    std::ifstream in(file, std::ios::binary);
    unsigned char head[8] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    const std::uint64_t size = std::filesystem::file_size(file);
    if (size == 0) return refuse("empty_file", "上传的文件是空的");
    if (std::memcmp(head, "%PDF-", 5) == 0) return FileCheck{true, "pdf", "", ""};
    if (head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return FileCheck{true, "jpg", "", ""};
    if (std::memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0) return FileCheck{true, "png", "", ""};
    if (std::memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return FileCheck{true, lower_ext(claimed_name) == "wps" ? "wps" : "doc", "", ""};
    if (std::memcmp(head, "PK\x03\x04", 4) == 0) {
        in.clear();
        return check_zip(in, size);
    }
    return refuse("bad_file_type", "只接受PDF、Word（DOC/DOCX）、WPS、ODT文档或JPEG/PNG扫描件");
}

}  // namespace collector
