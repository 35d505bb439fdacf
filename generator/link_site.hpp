#pragma once
// Links the loaded model: attachments to their pages and files, calls to
// their notices; URLs themselves live in common/urls.hpp.

#include <string>

#include "common/diagnostic.hpp"
#include "generator/site_model.hpp"

namespace gen {

// Sorts notices (newest first, ties by slug), resolves attachment references,
// fixes `today`. Problems go to diags at the notice's line.
void link_site(Site& site, common::Diagnostics& diags);

}  // namespace gen
