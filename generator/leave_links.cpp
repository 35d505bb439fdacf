#include "generator/leave_links.hpp"

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

std::string route_external_links(const std::string& html, const Config& config, std::set<std::string>& destinations) {
    const std::string own_host = url_host(config.origin);
    std::string out;
    std::size_t copied = 0;
    for (std::size_t p = 0; (p = html.find("<a ", p)) != std::string::npos;) {
        const std::size_t close = html.find('>', p);
        if (close == std::string::npos) break;
        const std::string tag = html.substr(p, close - p);
        std::size_t value_end = 0, rel_end = 0;
        const std::size_t value = attribute_value(tag, "href", value_end);
        const std::size_t rel = attribute_value(tag, "rel", rel_end);
        const bool way_out = rel != std::string::npos && (" " + tag.substr(rel, rel_end - rel) + " ").find(" external ") != std::string::npos;
        if (value != std::string::npos && !way_out) {
            const std::string href = decode_entities(tag.substr(value, value_end - value));
            const std::string host = url_host(href);
            if (!host.empty() && host != own_host) {
                destinations.insert(href);
                out.append(html, copied, p + value - copied);
                out += common::escape_markup(config.base_path + common::leave_url(href));
                copied = p + value_end;
            }
        }
        p = close;
    }
    out.append(html, copied, std::string::npos);
    return out;
}

}  // namespace gen
