#include "generator/publisher.hpp"

#include <algorithm>

#include "generator/leave_links.hpp"
#include "generator/link_check.hpp"

namespace gen {

void Publisher::page(const std::string& url, const std::string& html, const std::string& shown,
                     const std::vector<InternalLink>& checked) {
    check_links(url, html, shown, checked);
    std::set<std::string> found;
    const std::string routed = route_external_links(html, config_, found);
    check_leave_pages(url, found, shown);
    file(common::output_path(url), routed);
}

void Publisher::file(const std::string& path, std::string_view bytes, std::string_view text) {
    personal_.scan_output(path, text);
    writer_.write(path, bytes);
}

void Publisher::file_in_pieces(const std::string& path,
                               const std::function<void(const std::function<void(std::string_view)>&)>& produce) {
    common::LineCol at;
    writer_.write_pieces(path, [&](const std::function<void(std::string_view)>& write) {
        produce([&](std::string_view piece) {
            at = personal_.scan_output_piece(path, piece, at);
            write(piece);
        });
    });
}

void Publisher::copy(const StaticFile& f) { writer_.copy(f.out_path, f.source_path); }

void Publisher::check_links(const std::string& url, const std::string& html, const std::string& shown,
                            const std::vector<InternalLink>& checked) {
    const std::string out = common::output_path(url);
    for (const PageLink& l : page_links(html, url, config_.base_path)) {
        const bool was_checked = std::any_of(checked.begin(), checked.end(), [&](const InternalLink& c) { return c.target == l.target; });
        if (l.outside_base) {
            diags_.add(shown, 0, 0, "link " + l.url + " in public/" + out + " is outside the base path " + config_.base_path);
        } else if (!was_checked && !plan_.resolves(l.target)) {
            diags_.add(shown, 0, 0, "link " + l.url + " in public/" + out + " resolves to nothing on the site");
        }
    }
}

// The plan foresees every link to another host (Build::leave_destinations);
// one it missed would lead to no page, and is a fault of the generator.
void Publisher::check_leave_pages(const std::string& url, const std::set<std::string>& destinations, const std::string& shown) {
    for (const std::string& d : destinations)
        if (!plan_.resolves(common::leave_url(d)))
            diags_.add(shown, 0, 0, "internal error: the plan has no leave page for the link to " + d + " in public/" + common::output_path(url));
}

}  // namespace gen
