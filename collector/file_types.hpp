#pragma once
// What an uploaded file really is, judged by its content, not its name.

#include <filesystem>
#include <string>

namespace collector {

struct FileCheck {
    bool ok = false;
    std::string ext;    // pdf, docx, doc, wps, odt, jpg, png
    std::string code;   // when refused: bad_file_type, zip_bomb
    std::string message;
};

// `claimed_name` only decides between formats that share a container
// (DOC and WPS are both OLE2 compound files).
FileCheck check_upload(const std::filesystem::path& file, const std::string& claimed_name);

}  // namespace collector
