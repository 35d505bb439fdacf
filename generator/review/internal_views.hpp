#pragma once
// The internal review site's views (never under public/): every version of
// every submission, personal fields included, with links relative to its root.

#include <string>

#include "generator/views.hpp"

namespace gen {

View internal_index_view(const ViewContext& ctx);
// `previous` is the unit's version before this one, for the per-field diff.
View internal_version_view(const ViewContext& ctx, const Submission& s, const Submission* previous);
std::string internal_url(const Submission& s);  // "form/unit/vNNNN/"
inline constexpr const char* kInternalStylesheet = "assets/style.css";  // relative to the archive's root

}  // namespace gen
