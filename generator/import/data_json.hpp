#pragma once
// JSON written as data/ holds it by hand: one member a line at the top,
// each element of a list of objects on its own line at any depth (a form's
// blocks, and each block's fields), and everything else on the line, with
// ", " and ": " (nlohmann's dump has one layout for all depths). Members
// keep the order they were added in.

#include <string>

#include <nlohmann/json.hpp>

namespace gen::import {

std::string data_json_text(const nlohmann::ordered_json& top);

}  // namespace gen::import
