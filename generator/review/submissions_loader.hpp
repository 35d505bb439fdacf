#pragma once
// Reads the collector's data directory: every stored version of every
// submission. Only what the views choose is ever published.

#include <filesystem>

#include "common/diagnostic.hpp"
#include "generator/site_model.hpp"

namespace gen {

void load_submissions(const std::filesystem::path& data_dir, Site& site, common::Diagnostics& diags);

}  // namespace gen
