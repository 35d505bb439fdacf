#include "collector/compound_file.hpp"

#include <cstdint>
#include <fstream>
#include <set>
#include <vector>

namespace collector {
namespace {

constexpr std::uint32_t kFreeSect = 0xFFFFFFFF, kEndOfChain = 0xFFFFFFFE, kFatSect = 0xFFFFFFFD, kDifSect = 0xFFFFFFFC;
constexpr std::uint32_t kMaxRegSect = 0xFFFFFFFA;

std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t le32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) | (static_cast<std::uint32_t>(p[2]) << 16) |
           (static_cast<std::uint32_t>(p[3]) << 24);
}

class CompoundFile {
public:
    CompoundFile(const std::filesystem::path& file, std::uint64_t size) : in_(file, std::ios::binary), size_(size) {}

    // False as soon as the header, the FAT or the directory's chain is not
    // what a reader can follow.
    bool read() {
        unsigned char h[512];
        if (size_ < 512 || !in_.read(reinterpret_cast<char*>(h), sizeof h)) return false;
        const std::uint16_t major = le16(h + 26), byte_order = le16(h + 28), shift = le16(h + 30), mini_shift = le16(h + 32);
        if (byte_order != 0xFFFE || mini_shift != 6) return false;
        if (!((major == 3 && shift == 9) || (major == 4 && shift == 12))) return false;
        sector_ = 1u << shift;
        sectors_ = static_cast<std::uint32_t>(std::min<std::uint64_t>((size_ - 1) / sector_, kMaxRegSect));  // after the header
        const std::uint32_t fat_sectors = le32(h + 44), first_dir = le32(h + 48), first_difat = le32(h + 68), difat_sectors = le32(h + 72);
        if (fat_sectors == 0 || fat_sectors > sectors_) return false;
        std::vector<std::uint32_t> fat_at;
        for (std::uint32_t i = 0; i < 109 && fat_at.size() < fat_sectors; ++i) fat_at.push_back(le32(h + 76 + 4 * i));
        // Files beyond 109 FAT sectors list the rest in a chain of DIFAT sectors.
        std::uint32_t next = first_difat;
        std::vector<unsigned char> s(sector_);
        for (std::uint32_t n = 0; fat_at.size() < fat_sectors; ++n) {
            if (n >= difat_sectors || !sector(next, s)) return false;
            for (std::uint32_t i = 0; i + 1 < sector_ / 4 && fat_at.size() < fat_sectors; ++i) fat_at.push_back(le32(&s[4 * i]));
            next = le32(&s[sector_ - 4]);
        }
        for (std::uint32_t at : fat_at) {
            if (!sector(at, s)) return false;
            for (std::uint32_t i = 0; i < sector_ / 4; ++i) fat_.push_back(le32(&s[4 * i]));
        }
        for (std::uint32_t at : fat_at)
            if (at >= fat_.size() || fat_[at] != kFatSect) return false;
        return read_directory(first_dir);
    }

    bool has_stream(const std::string& name) const { return names_.count(name) > 0; }

private:
    bool sector(std::uint32_t n, std::vector<unsigned char>& out) {
        if (n >= sectors_) return false;
        in_.seekg(static_cast<std::streamoff>((static_cast<std::uint64_t>(n) + 1) * sector_));
        return static_cast<bool>(in_.read(reinterpret_cast<char*>(out.data()), sector_));
    }

    // Each sector of the directory's chain once, within the file.
    bool read_directory(std::uint32_t first) {
        std::set<std::uint32_t> seen;
        std::vector<unsigned char> s(sector_);
        bool root = false;
        for (std::uint32_t n = first; n != kEndOfChain; n = fat_[n]) {
            if (n >= fat_.size() || n == kFreeSect || n == kFatSect || n == kDifSect || !seen.insert(n).second || !sector(n, s)) return false;
            for (std::uint32_t e = 0; e < sector_; e += 128) {
                const unsigned char* entry = &s[e];
                const std::uint16_t name_bytes = le16(entry + 64);
                const unsigned type = entry[66];
                if (name_bytes > 64 || name_bytes % 2 != 0 || type > 5) return false;
                if (seen.size() == 1 && e == 0) root = type == 5;
                std::string name;  // the ASCII letters of the UTF-16 name, as stream names are
                for (std::uint16_t i = 0; i + 2 < name_bytes; i += 2) name += static_cast<char>(entry[i]);
                if (type == 1 || type == 2) names_.insert(name);
            }
        }
        return root;
    }

    std::ifstream in_;
    std::uint64_t size_;
    std::uint32_t sector_ = 512, sectors_ = 0;
    std::vector<std::uint32_t> fat_;
    std::set<std::string> names_;
};

}  // namespace

FileCheck check_compound_file(const std::filesystem::path& file, const std::string& ext) {
    CompoundFile cf(file, std::filesystem::file_size(file));
    if (!cf.read()) return refuse_damaged();
    // How Office stores a file protected by a password (MS-OFFCRYPTO).
    if (cf.has_stream("EncryptionInfo") || cf.has_stream("EncryptedPackage")) return refuse_protected();
    return accept_as(ext);
}

}  // namespace collector
