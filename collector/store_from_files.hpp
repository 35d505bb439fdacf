#pragma once
// A version stored from files already on disk instead of from a request,
// through the same checks of file type, naming and durable commit: how test
// fixtures, in C++ and in node (`collector store-record`), make a data
// directory exactly as the collector leaves it.

#include <filesystem>
#include <string>
#include <vector>

#include "collector/submission_store.hpp"
#include "common/stored_version.hpp"

namespace collector {

struct LocalUpload {
    std::string field, original_name;
    std::filesystem::path path;
};

// `record` without files; its version is the store's next. Returns that version.
int store_from_files(SubmissionStore& store, common::StoredVersion record, const std::vector<LocalUpload>& uploads);

}  // namespace collector
