#pragma once
// The internal review site's views (never under public/): every version of
// every submission, personal fields included, with links relative to its root.

#include <string>

#include "common/site_data.hpp"
#include "generator/views.hpp"

namespace gen {

View internal_index_view(const ViewContext& ctx);
// `previous` is the unit's version before this one, for the per-field diff.
View internal_version_view(const ViewContext& ctx, const Submission& s, const Submission* previous);
// A call's review: each unit's newest version with where it stands, the
// expert stage and the 公示's objections, and a task-book call's registry.
View internal_call_view(const ViewContext& ctx, const Call& call);
std::string internal_url(const Submission& s);  // "form/unit/vNNNN/"
std::string internal_call_url(const Call& call);  // "calls/CALL/"
// Whether a version of one of the call's forms is stored: the archive has a page for the call then.
bool has_versions(const Site& site, const Call& call);
inline constexpr const char* kInternalStylesheet = "assets/style.css";  // relative to the archive's root

}  // namespace gen
