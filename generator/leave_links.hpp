#pragma once
// Links that leave the government site warn first (政府网站发展指引): every
// <a href> to another host is sent to a generated page of this site,
// leave/<id>/, which names the destination and links on to it. One static
// page per destination, so no script is needed.

#include <set>
#include <string>

#include "generator/site_model.hpp"

namespace gen {

// The host an http(s) or protocol-relative URL names, lower case, without
// port or user; empty for anything else (a path, mailto:, tel:).
std::string url_host(const std::string& url);

// The other hosts' URLs that the <a href>s of `html` name, sorted: those
// route_external_links sends through leave pages. An <a rel="external"> is
// the leave page's own way out and is none of them.
std::set<std::string> external_destinations(const std::string& html, const Config& config);

// Those a template writes as they stand, before a view fills it: an href
// made from the view ("{{url}}", "https://{{host}}/") is the view's to know.
std::set<std::string> literal_destinations(const std::string& tmpl, const Config& config);

// Rewrites every <a href> of `html` whose host is not the site's to the
// base path + common::leave_url(href), adding the destination to `destinations`.
std::string route_external_links(const std::string& html, const Config& config, std::set<std::string>& destinations);

}  // namespace gen
