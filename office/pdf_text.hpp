#pragma once
// The text a reader sees on a PDF's pages, as poppler lays it out.

#include <filesystem>
#include <string>
#include <vector>

namespace office {

// The text of each page, in order. Throws std::runtime_error when the file
// does not open or is locked with a password.
std::vector<std::string> pdf_page_texts(const std::filesystem::path& file);

}  // namespace office
