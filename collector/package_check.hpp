#pragma once
// DOCX and ODT uploads: zips that must not inflate beyond bounds and must
// hold, well-formed, the parts a word processor opens.

#include <cstdint>
#include <filesystem>

#include "collector/file_types.hpp"

namespace collector {

// `not_a_document`: the refusal's message for a zip that is neither.
FileCheck check_package(const std::filesystem::path& file, std::uint64_t size, const char* not_a_document);

}  // namespace collector
