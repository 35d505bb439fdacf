#pragma once

#include <filesystem>

#include "common/diagnostic.hpp"
#include "generator/personal_check.hpp"
#include "generator/site_model.hpp"

namespace gen {

// Reads content/: notices into site.notices (unsorted), other files into
// site.static_files. Every text is scanned for personal data. Problems go
// to diags; a broken notice is left out.
void load_content(const std::filesystem::path& site_root, Site& site, PersonalDataCheck& personal,
                  common::Diagnostics& diags);

}  // namespace gen
