#pragma once
// The 受理情况 chart: received submissions against the quota, per county.

#include <string>

#include "generator/call_progress.hpp"

namespace gen {

// Inline SVG, one bar pair per county: an outlined bar for the quota and a
// solid one for what was received, each with its number written beside it,
// so that it reads without colour and prints in black and white.
std::string progress_chart_svg(const CallProgress& progress);

}  // namespace gen
