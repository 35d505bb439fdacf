#pragma once

#include <filesystem>
#include <string>

#include "common/diagnostic.hpp"
#include "generator/site_model.hpp"

namespace gen {

// Reads <site>/config.json. `base_url_override` (from the command line) wins when set.
Config load_config(const std::filesystem::path& site, const std::string& base_url_override);

}  // namespace gen
