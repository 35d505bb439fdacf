#pragma once
// The zip container of DOCX and XLSX files, made byte-identical on every build.

#include <string>
#include <vector>

namespace office {

struct ZipEntry {
    std::string name;  // path inside the archive
    std::string bytes;
};

// Entries in the given order (Office wants [Content_Types].xml first), deflated,
// all dated 1980-01-01 00:00 so that the archive depends on its content only.
std::string zip_package(const std::vector<ZipEntry>& entries);

}  // namespace office
