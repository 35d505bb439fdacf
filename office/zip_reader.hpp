#pragma once
// Reading a zip package (DOCX, XLSX, ODT) someone else made: its entry
// names, and an entry's bytes within a limit, so that a small file cannot
// inflate into gigabytes.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

struct zip;

namespace office {

class ZipReader {
public:
    // Throws std::runtime_error when the file is no zip or is damaged.
    explicit ZipReader(const std::filesystem::path& file);
    ~ZipReader();
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;

    const std::vector<std::string>& names() const { return names_; }
    // The entry's bytes; nothing when it is absent. Throws std::runtime_error
    // when it is damaged or inflates to more than `limit` bytes.
    std::optional<std::string> read(const std::string& name, std::uint64_t limit) const;

private:
    struct zip* archive_ = nullptr;
    std::vector<std::string> names_;
};

}  // namespace office
