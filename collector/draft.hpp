#pragma once
// The first stage of the intake: what a request carried, read from its
// multipart body within the limits.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "collector/file_sink.hpp"
#include "collector/intake.hpp"
#include "collector/refusal.hpp"
#include "common/form_schema.hpp"

namespace collector {

struct UploadedFile {
    std::string field, original_name;
    std::unique_ptr<FileSink> sink;
};

// Everything a request carried, once its body has been read.
struct Draft {
    std::map<std::string, std::string> fields;
    std::vector<UploadedFile> files;

    // The value of a text field; empty when it was not sent.
    std::string field(const std::string& name) const;
};

// Reads the multipart body into a draft: text fields in memory, files
// streamed into the staging directory under names the server chooses.
std::optional<Refusal> read_draft(const IntakeRequest& req, const common::Form& form, const IntakeLimits& limits,
                                  const std::filesystem::path& staged, Draft& draft);

}  // namespace collector
