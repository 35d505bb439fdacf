#pragma once
// The internal review site, written to its own directory, never under public/.

#include <filesystem>

#include "common/theme.hpp"
#include "generator/views.hpp"
#include "generator/writer.hpp"

namespace gen {

// Every version of every submission for the bureau's reviewers, personal
// data included. `data_dir` is the collector's data directory.
void write_internal_site(Writer& writer, common::Templates templates, const ViewContext& ctx, const std::filesystem::path& data_dir);

}  // namespace gen
