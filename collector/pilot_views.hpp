#pragma once
// The pilot registry as signed-in people read it: on a task-book call's
// desk, the pilots the viewer may read with where each stands; on a pilot's
// page, its events and the form to record the next one. City staff record
// every event; a county the 年度检查 of its own pilots; a school reads its own.

#include <kainjow/mustache.hpp>

#include "collector/review_views.hpp"

namespace collector {

// Sets has_pilots and pilots (unit, project, listed, stage, url) on a desk's view.
void add_pilots(kainjow::mustache::data& view, const Viewer& viewer, const SiteRules& rules, const common::CallReview& review);

// One pilot: its stage and events, and the acts the viewer may record.
kainjow::mustache::data pilot_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review, const common::Pilot& p);

}  // namespace collector
