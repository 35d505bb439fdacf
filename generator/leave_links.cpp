#include "generator/leave_links.hpp"

#include <vector>

#include "common/text.hpp"
#include "common/urls.hpp"
#include "generator/link_check.hpp"

namespace gen {
namespace {

// The value of attribute `name` (double-quoted, as we write them) in the
// tag text `tag`; npos when absent.
std::size_t attribute_value(const std::string& tag, const std::string& name, std::size_t& end) {
    const std::string key = " " + name + "=\"";
    const auto at = tag.find(key);
    if (at == std::string::npos) return std::string::npos;
    const auto start = at + key.size();
    end = tag.find('"', start);
    return end == std::string::npos ? std::string::npos : start;
}

// An <a href> of a page to another host: where its value stands in the page.
struct ExternalLink {
    std::size_t start, end;  // of the attribute's value
    std::string href;        // entities decoded: the destination
};

std::vector<ExternalLink> external_links(const std::string& html, const Config& config) {
    const std::string own_host = url_host(config.origin);
    std::vector<ExternalLink> out;
    for (std::size_t p = 0; (p = html.find("<a ", p)) != std::string::npos;) {
        const std::size_t close = html.find('>', p);
        if (close == std::string::npos) break;
        const std::string tag = html.substr(p, close - p);
        std::size_t value_end = 0, rel_end = 0;
        const std::size_t value = attribute_value(tag, "href", value_end);
        const std::size_t rel = attribute_value(tag, "rel", rel_end);
        const bool way_out = rel != std::string::npos && (" " + tag.substr(rel, rel_end - rel) + " ").find(" external ") != std::string::npos;
        if (value != std::string::npos && !way_out) {
            std::string href = decode_entities(tag.substr(value, value_end - value));
            const std::string host = url_host(href);
            if (!host.empty() && host != own_host) out.push_back({p + value, p + value_end, std::move(href)});
        }
        p = close;
    }
    return out;
}

}  // namespace

std::string url_host(const std::string& url) {
    std::size_t start;
    if (common::starts_with(url, "//")) start = 2;
    else if (const auto colon = url.find("://"); colon != std::string::npos) {
        std::string scheme = url.substr(0, colon);
        for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (scheme != "http" && scheme != "https") return {};
        start = colon + 3;
    } else {
        return {};
    }
    std::string authority = url.substr(start, url.find_first_of("/?#", start) - start);
    if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
    if (const auto port = authority.rfind(':'); port != std::string::npos && authority.find(']', port) == std::string::npos) authority.erase(port);
    for (char& c : authority) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return authority;
}

std::set<std::string> external_destinations(const std::string& html, const Config& config) {
    std::set<std::string> out;
    for (ExternalLink& link : external_links(html, config)) out.insert(std::move(link.href));
    return out;
}

std::set<std::string> literal_destinations(const std::string& tmpl, const Config& config) {
    std::set<std::string> out;
    for (const std::string& d : external_destinations(tmpl, config))
        if (d.find("{{") == std::string::npos) out.insert(d);
    return out;
}

std::string route_external_links(const std::string& html, const Config& config, std::set<std::string>& destinations) {
    std::string out;
    std::size_t copied = 0;
    for (const ExternalLink& link : external_links(html, config)) {
        out.append(html, copied, link.start - copied);
        out += common::escape_markup(config.base_path + common::leave_url(link.href));
        copied = link.end;
        destinations.insert(link.href);
    }
    out.append(html, copied, std::string::npos);
    return out;
}

}  // namespace gen
