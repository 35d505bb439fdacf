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

// A file of the submission in its staging directory: streamed in with the
// form (through `sink`), or taken from a finished resumable upload.
struct UploadedFile {
    std::string field, original_name;
    std::unique_ptr<FileSink> sink;
    // Once whole:
    std::filesystem::path path{};
    std::size_t bytes = 0;
    std::string sha256{};
};

// A text part "upload:FIELD" names the finished resumable upload
// (collector/upload_store.hpp) that stands for the file of FIELD.
inline constexpr const char* kUploadPartPrefix = "upload:";

// Everything a request carried, once its body has been read.
struct Draft {
    std::map<std::string, std::string> fields;
    std::vector<UploadedFile> files;
    std::map<std::string, std::string> uploads;  // file field -> resumable upload's id

    // The value of a text field; empty when it was not sent.
    std::string field(const std::string& name) const;
};

// Reads the multipart body into a draft: text fields in memory, files
// streamed into the staging directory under names the server chooses.
std::optional<Refusal> read_draft(const IntakeRequest& req, const common::Form& form, const IntakeLimits& limits,
                                  const std::filesystem::path& staged, Draft& draft);

}  // namespace collector
