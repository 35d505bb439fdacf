#pragma once

#include <filesystem>

#include "common/diagnostic.hpp"
#include "generator/personal_check.hpp"
#include "generator/site_model.hpp"

namespace gen {

// Reads data/: identity, units, quota tables, topic guides, lists and forms.
// Every file is scanned for personal data. A file with a problem is
// reported in diags and left out.
void load_data(const std::filesystem::path& site_root, Site& site, PersonalDataCheck& personal, common::Diagnostics& diags);

}  // namespace gen
