#pragma once
// Each notice's Markdown, rendered once after loading: its HTML for the
// page, its text for the search index and the Description, its internal
// links for the link phase, its links to other hosts for the plan.

#include <functional>

#include "common/diagnostic.hpp"
#include "generator/output_plan.hpp"
#include "generator/site_model.hpp"

namespace gen {

// Fills the body_ fields of every notice not yet rendered (one kept from the
// preview's last build is); heading problems go to diags at their source line.
void render_notice_bodies(Site& site, common::Diagnostics& diags);

// Reports every internal link of a notice's body that no planned output
// answers, at its line and column in the notice's source. `checked`: whether
// a notice's links are to be checked (all, unless the caller knows some were
// checked against the same paths before).
void check_notice_links(const Site& site, const OutputPlan& plan, common::Diagnostics& diags,
                        const std::function<bool(const Notice&)>& checked = nullptr);

}  // namespace gen
