#include "generator/feed.hpp"

#include "common/text.hpp"
#include "common/urls.hpp"

namespace gen {

namespace {
constexpr std::size_t kFeedEntries = 20;
}

std::string make_feed(const Site& site) {
    const std::string& base = site.config.base_url;
    std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    x += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + common::escape_markup(site.config.language) + "\">\n";
    x += "  <title>" + common::escape_markup(site.info.site_title) + "</title>\n";
    x += "  <id>" + common::escape_markup(base) + "</id>\n";
    x += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + common::escape_markup(base) + "\"/>\n";
    x += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + common::escape_markup(base + "feed.xml") + "\"/>\n";
    // The newest publication date, not the build time: the same input gives the same feed.
    const std::string updated = site.notices.empty() ? "1970-01-01T00:00:00+08:00" : site.notices.front().published.rfc3339();
    x += "  <updated>" + updated + "</updated>\n";
    x += "  <author><name>" + common::escape_markup(site.info.bureau) + "</name></author>\n";
    for (std::size_t i = 0; i < site.notices.size() && i < kFeedEntries; ++i) {
        const Notice& n = site.notices[i];
        const std::string url = base + common::notice_url(n.slug);
        x += "  <entry>\n";
        x += "    <title>" + common::escape_markup(n.title) + "</title>\n";
        x += "    <id>" + common::escape_markup(url) + "</id>\n";
        x += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + common::escape_markup(url) + "\"/>\n";
        x += "    <published>" + n.published.rfc3339() + "</published>\n";
        x += "    <updated>" + n.published.rfc3339() + "</updated>\n";
        x += "    <author><name>" + common::escape_markup(n.issuer) + "</name></author>\n";
        if (!n.category.empty()) x += "    <category term=\"" + common::escape_markup(n.category) + "\"/>\n";
        x += "  </entry>\n";
    }
    x += "</feed>\n";
    return x;
}

}  // namespace gen
