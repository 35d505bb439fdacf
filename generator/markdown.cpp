#include "generator/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

#include "common/text.hpp"

namespace gen {
namespace {

struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct IterDeleter {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

bool has_scheme(const std::string& url) {
    const auto colon = url.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = url[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))))
            return false;
    }
    return true;
}

std::string normalise_path(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i <= path.size()) {
        std::size_t j = path.find('/', i);
        if (j == std::string::npos) j = path.size();
        const std::string part = path.substr(i, j - i);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        i = j + 1;
    }
    std::string out;
    for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? "/" : "") + parts[k];
    if (!out.empty() && !path.empty() && path.back() == '/') out += '/';
    return out;
}

// cmark counts columns in bytes; messages count characters.
int char_column(const std::string& markdown, int md_line, int byte_col) {
    std::size_t start = 0;
    for (int l = 1; l < md_line && start != std::string::npos; ++l) {
        start = markdown.find('\n', start);
        if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos || byte_col < 1) return byte_col;
    return common::line_col_at(std::string_view(markdown).substr(start), static_cast<std::size_t>(byte_col - 1)).col;
}

// Depth of an official heading number (GB/T 9704): 一、 1, （一） 2, 1. 3,
// （1） 4; 0 when the heading carries none.
int numbering_depth(const std::string& t) {
    static const std::string cjk[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇"};
    auto numerals = [&](std::size_t p) {  // bytes of CJK numerals starting at p
        std::size_t q = p;
        for (bool more = true; more;) {
            more = false;
            for (const auto& n : cjk)
                if (t.compare(q, n.size(), n) == 0) {
                    q += n.size();
                    more = true;
                }
        }
        return q - p;
    };
    auto digits = [&](std::size_t p) {
        std::size_t q = p;
        while (q < t.size() && t[q] >= '0' && t[q] <= '9') ++q;
        return q - p;
    };
    const std::string open = "（", close = "）";
    if (std::size_t n = numerals(0); n && t.compare(n, 3, "、") == 0) return 1;
    if (common::starts_with(t, open)) {
        const std::size_t p = open.size();
        if (std::size_t n = numerals(p); n && t.compare(p + n, close.size(), close) == 0) return 2;
        if (std::size_t n = digits(p); n && t.compare(p + n, close.size(), close) == 0) return 4;
    }
    if (std::size_t n = digits(0); n && (t.compare(n, 1, ".") == 0 || t.compare(n, 3, "．") == 0)) return 3;
    return 0;
}

// Written into a copy of the exact size: each insert into the page grew its
// string to twice its size, and the notices' HTML is held until its page is
// rendered (at 10,000 notices that slack was 50 MB, a quarter of the build).
void add_th_scope(std::string& html) {
    static const std::string plain = "<th>", aligned = "<th align=", scope = " scope=\"col\"";
    std::vector<std::size_t> at;  // just after each "<th" that gets a scope
    for (std::size_t p = 0; (p = html.find("<th", p)) != std::string::npos; p += 3) {
        if (html.compare(p, plain.size(), plain) == 0 || html.compare(p, aligned.size(), aligned) == 0) at.push_back(p + 3);
    }
    if (at.empty()) return;
    std::string out;
    out.reserve(html.size() + at.size() * scope.size());
    std::size_t from = 0;
    for (const std::size_t p : at) {
        out.append(html, from, p - from);
        out += scope;
        from = p;
    }
    out.append(html, from, std::string::npos);
    html = std::move(out);
}

// Raw HTML is left out as the page leaves it out; a space ends every block
// so that words of adjacent cells and paragraphs do not run together.
void add_visible_text(std::string& text, cmark_node* node, cmark_node_type type, cmark_event_type ev) {
    const bool block = (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
    if (ev == CMARK_EVENT_EXIT) {
        if (block) text += ' ';
        return;
    }
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        if (const char* literal = cmark_node_get_literal(node)) text += literal;
        if (block) text += ' ';
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        text += ' ';
    }
}

}  // namespace

void init_markdown() {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

std::optional<std::string> resolve_internal(const std::string& url, const std::string& page_dir) {
    if (url.empty() || url[0] == '#' || has_scheme(url) || url.compare(0, 2, "//") == 0) return std::nullopt;
    const std::string path = url.substr(0, url.find_first_of("?#"));
    if (path.empty()) return std::nullopt;
    return normalise_path(path[0] == '/' ? path.substr(1) : page_dir + path);
}

RenderedMarkdown render_markdown(const std::string& markdown, const std::string& base_path, const std::string& page_dir,
                                 const std::string& shown_path, int first_line, common::Diagnostics& diags) {
    const int options = CMARK_OPT_DEFAULT;  // UTF-8 was validated when the file was read
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"})
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));

    RenderedMarkdown out;
    int previous_level = 1;  // the notice title is the page's h1
    struct OpenHeading {
        int level, depth;
        std::string text;
    };
    std::vector<OpenHeading> open;  // the headings enclosing the current one
    std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc.get()));
    for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        const cmark_node_type type = cmark_node_get_type(node);
        add_visible_text(out.text, node, type, ev);
        if (ev != CMARK_EVENT_ENTER) continue;
        const int md_line = cmark_node_get_start_line(node);
        const int line = first_line + md_line - 1;
        const int byte_col = cmark_node_get_start_column(node);
        if (type == CMARK_NODE_HEADING) {
            const int level = cmark_node_get_heading_level(node);
            if (level == 1) {
                diags.add(shown_path, line, char_column(markdown, md_line, byte_col), "a level-1 heading is reserved for the title: start sections at ##");
            } else if (level > previous_level + 1) {
                diags.add(shown_path, line, char_column(markdown, md_line, byte_col),
                          "heading level " + std::to_string(level) + " skips level " + std::to_string(previous_level + 1));
            }
            previous_level = level;
            cmark_node* first = cmark_node_first_child(node);
            const char* literal = first && cmark_node_get_type(first) == CMARK_NODE_TEXT ? cmark_node_get_literal(first) : nullptr;
            const std::string text = literal ? literal : "";
            const int depth = numbering_depth(text);
            while (!open.empty() && open.back().level >= level) open.pop_back();
            if (depth > 0) {
                for (auto it = open.rbegin(); it != open.rend(); ++it) {
                    if (it->depth == 0) continue;
                    if (it->depth >= depth)
                        diags.add(shown_path, line, char_column(markdown, md_line, byte_col),
                                  "heading \"" + text + "\" sits under \"" + it->text +
                                      "\", but official numbering nests 一、 then （一） then 1. then （1）");
                    break;
                }
            }
            open.push_back({level, depth, text});
        } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
            const char* raw = cmark_node_get_url(node);
            const std::string url = raw ? raw : "";
            const auto target = resolve_internal(url, page_dir);
            if (!target) continue;
            out.links.push_back({*target, line, char_column(markdown, md_line, byte_col)});
            if (url[0] == '/') cmark_node_set_url(node, (base_path + url.substr(1)).c_str());
        }
    }
    char* html = cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
    out.html = html;
    free(html);
    add_th_scope(out.html);
    return out;
}

}  // namespace gen
