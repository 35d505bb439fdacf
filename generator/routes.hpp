#pragma once
// Where each thing of the model lives on the site. URL paths here are
// relative to the site root ("notices/x/"); the base path is added by views.

#include <string>

#include "common/diagnostic.hpp"
#include "generator/site_model.hpp"

namespace gen {

std::string notice_url(const std::string& slug);
std::string data_url(const std::string& kind, const std::string& key);  // kind: quotas, topics, lists, forms
std::string output_path(const std::string& url);  // "x/" -> "x/index.html", "" -> "index.html"
// Id of the index-th (from 0) topic, row or entry on a data page, so that
// search results can lead to the very row: item_anchor("row", 0) is "row-1".
std::string item_anchor(const std::string& kind, std::size_t index);

// Sorts notices (newest first, ties by slug), resolves attachment references,
// fixes `today`. Problems go to diags at the notice's line.
void link_site(Site& site, common::Diagnostics& diags);

}  // namespace gen
