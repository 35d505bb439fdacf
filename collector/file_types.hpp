#pragma once
// What an uploaded file really is, judged by its structure, not its name:
// each type is opened as its reader would open it.

#include <filesystem>
#include <string>

namespace collector {

struct FileCheck {
    bool ok = false;
    std::string ext;    // pdf, docx, doc, wps, odt, jpg, png
    std::string code;   // when refused: bad_file_type, damaged_file, protected_file, zip_bomb, image_too_large, empty_file
    std::string message;
    int pages = 0;      // a PDF's
};

FileCheck accept_as(const std::string& ext);
FileCheck refuse(const std::string& code, const std::string& message);
FileCheck refuse_damaged();
FileCheck refuse_protected();

// `claimed_name` only decides between formats that share a container
// (DOC and WPS are both compound files).
FileCheck check_upload(const std::filesystem::path& file, const std::string& claimed_name);

}  // namespace collector
