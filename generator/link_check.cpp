#include "generator/link_check.hpp"

#include "generator/markdown.hpp"

namespace gen {

std::string decode_entities(std::string s) {
    static const std::pair<const char*, const char*> entities[] = {{"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}};
    for (const auto& [from, to] : entities) {
        const std::string f = from;
        for (std::size_t p = 0; (p = s.find(f, p)) != std::string::npos; ++p) s.replace(p, f.size(), to);
    }
    return s;
}

namespace {

std::string page_dir(const std::string& page_url) {
    const auto slash = page_url.rfind('/');
    return slash == std::string::npos ? std::string() : page_url.substr(0, slash + 1);
}

}  // namespace

std::vector<PageLink> page_links(const std::string& html, const std::string& page_url, const std::string& base_path) {
    std::vector<PageLink> out;
    const std::string dir = page_dir(page_url);
    for (const char* attr : {" href=\"", " src=\""}) {
        const std::string a = attr;
        for (std::size_t p = 0; (p = html.find(a, p)) != std::string::npos;) {
            const std::size_t start = p + a.size();
            const std::size_t end = html.find('"', start);
            if (end == std::string::npos) break;
            PageLink link;
            link.url = decode_entities(html.substr(start, end - start));
            p = end;
            if (!link.url.empty() && link.url[0] == '/' && link.url.compare(0, 2, "//") != 0) {
                if (link.url.compare(0, base_path.size(), base_path) != 0) {
                    link.outside_base = true;
                    out.push_back(std::move(link));
                    continue;
                }
                const auto target = resolve_internal("/" + link.url.substr(base_path.size()), dir);
                if (target) link.target = *target;
                out.push_back(std::move(link));
                continue;
            }
            const auto target = resolve_internal(link.url, dir);
            if (!target) continue;
            link.target = *target;
            out.push_back(std::move(link));
        }
    }
    return out;
}

}  // namespace gen
