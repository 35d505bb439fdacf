#pragma once
// The internal review site, written to its own directory, never under public/.

#include <filesystem>

#include "common/theme.hpp"
#include "generator/views.hpp"
#include "generator/writer.hpp"

namespace gen {

// Every version of every submission for the bureau's reviewers, personal
// data included. `data_dir` is the collector's data directory.
// `stylesheet`: the theme's, copied beside the pages so that the archive
// opened from a disk looks as the review pages do; may be null.
void write_internal_site(Writer& writer, common::Templates templates, const ViewContext& ctx, const std::filesystem::path& data_dir,
                         const common::StaticFile* stylesheet);

}  // namespace gen
