#pragma once
// What a Chinese government site shows around its content: the head's meta
// tags of the 政府网站网页设计规范, the footer's identity and registration
// numbers (政府网站发展指引), the 网站地图, the notice before a link leaves
// the site, and the pages behind the 长者模式 switch.

#include <string>
#include <vector>

#include "generator/pages.hpp"
#include "generator/views.hpp"

namespace gen {

// Where the site's own pages are listed for people.
inline const char* const kSiteMapUrl = "sitemap/";

// The filing systems the footer's numbers link to, as the rules require.
inline const char* const kIcpFilingSite = "https://beian.miit.gov.cn/";
inline const char* const kPoliceFilingSite = "https://beian.mps.gov.cn/#/query/webSearch?code=";

// SiteName, SiteDomain, SiteIDCode, ColumnName and, on notices, ArticleTitle,
// PubDate, ContentSource, Keywords and Description; the 长者模式 links.
void set_government_head(const ViewContext& ctx, View& layout, const PageHead& page);

// 网站地图 link, 网站标识码, ICP备案编号 and 公安机关备案号 (each only when set).
void set_government_footer(const ViewContext& ctx, View& layout);

// The 网站地图: the listed pages by 栏目, in the order of their places.
View site_map_view(const ViewContext& ctx, const std::vector<PageJob>& pages);

// The page a link to `destination` passes on its way out of the site.
View leave_view(const ViewContext& ctx, const std::string& destination);

// What mode/elder/ and mode/standard/ say when no nginx answers them.
View mode_view(const ViewContext& ctx, bool elder);

}  // namespace gen
