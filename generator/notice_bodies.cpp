#include "generator/notice_bodies.hpp"

#include "common/urls.hpp"
#include "generator/leave_links.hpp"
#include "generator/markdown.hpp"
#include "generator/parallel.hpp"

namespace gen {

void render_notice_bodies(Site& site, common::Diagnostics& diags) {
    parallel_for(site.notices.size(), [&](std::size_t, std::size_t i) {
        Notice& n = site.notices[i];
        if (n.body_rendered) return;
        RenderedMarkdown md = render_markdown(n.body, site.config.base_path, common::notice_url(n.slug), n.source, n.body_line, diags);
        md.text.shrink_to_fit();  // grown by appending and kept to the end: over a quarter of it was slack
        n.body_destinations = external_destinations(md.html, site.config);
        n.body_html = std::make_shared<const PackedText>(md.html);
        n.body_text = std::make_shared<const std::string>(std::move(md.text));
        n.body_links = std::move(md.links);
        // Its last reader: from here on the pages read its HTML, the index its text.
        std::string().swap(n.body);
        n.body_rendered = true;
    });
}

void check_notice_links(const Site& site, const OutputPlan& plan, common::Diagnostics& diags,
                        const std::function<bool(const Notice&)>& checked) {
    for (const Notice& n : site.notices)
        if (!checked || checked(n))
            for (const InternalLink& l : n.body_links)
                if (!plan.resolves(l.target))
                    diags.add(n.source, l.line, l.col, "link to /" + l.target + " resolves to nothing on the site");
}

}  // namespace gen
