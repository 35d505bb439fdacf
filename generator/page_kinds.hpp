#pragma once
// The registry of the site's page kinds, in the order the site lists its pages.

#include "generator/pages.hpp"

namespace gen {

const PageKinds& page_kinds();

}  // namespace gen
