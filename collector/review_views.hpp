#pragma once
// What a signed-in person sees of the review chain, as data for the theme's
// templates (review_desk.mustache, review_version.mustache): a school its
// own applications, a county its schools', city staff all of them. The
// forms in these views change state, so each carries the session's CSRF
// token (Pages::signed_in adds it to the view); which forms appear follows
// the chain (common/review_state.hpp), which the collector checks again
// when they come back.

#include <string>

#include <kainjow/mustache.hpp>

#include "collector/site_rules.hpp"
#include "common/calendar.hpp"
#include "common/review_state.hpp"
#include "common/stored_version.hpp"

namespace collector {

struct Viewer {
    common::Actor actor;
    std::string base;  // the site's path, for links
};

// Whether `viewer` may read the applications of `unit`.
bool may_read(const Viewer& viewer, const std::string& unit, const common::SiteData& site);

using common::minute;

// A version's values in the form's order, each labelled; `anonymous` leaves
// out what names the applicant or a person, and the files' own names (for
// experts of an anonymous call, who read the files by number).
kainjow::mustache::data values_view(const common::Form& form, const common::StoredVersion& version, bool anonymous);

// One call as the viewer's role works on it.
kainjow::mustache::data desk_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review,
                                  const common::DataLayout& layout);

// One version: its values in the form's order, its files, what changed since
// `previous`, its history, and the acts the viewer may take on it.
kainjow::mustache::data version_view(const Viewer& viewer, const SiteRules& rules, const common::CallReview& review,
                                     const common::StoredVersion& version, const common::StoredVersion* previous);

}  // namespace collector
