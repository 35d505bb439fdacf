#pragma once

#include <string>

#include "generator/site_model.hpp"

namespace gen {

// Atom feed of the newest notices.
std::string make_feed(const Site& site);

}  // namespace gen
