#pragma once
// The only code that knows cmark-gfm.

#include <optional>
#include <string>
#include <vector>

#include "common/diagnostic.hpp"

namespace gen {

struct InternalLink {
    std::string target;  // site-relative path without fragment: "notices/x/" or "attachments/a.pdf"
    int line = 0;        // in the source file
    int col = 0;         // in characters, for messages: known while the Markdown is, which is freed once rendered
};

struct RenderedMarkdown {
    std::string html;
    std::vector<InternalLink> links;
    std::string text;  // what a reader sees, blocks separated by spaces: for the search index
};

// Registers the GFM extensions; call once before any thread renders.
void init_markdown();

// CommonMark + GFM tables to HTML. Root-relative links get the site's base
// path; internal links are returned for checking. Heading problems are added
// to diags at their file line (`first_line` is the body's first line).
RenderedMarkdown render_markdown(const std::string& markdown, const std::string& base_path,
                                 const std::string& page_dir, const std::string& shown_path, int first_line,
                                 common::Diagnostics& diags);

// Resolves `url` against the directory of a page ("notices/x/") to a
// site-relative path ("" is the home page); nullopt if the URL leaves the site
// (absolute, mailto:, fragment-only).
std::optional<std::string> resolve_internal(const std::string& url, const std::string& page_dir);

}  // namespace gen
