#include "common/theme.hpp"

#include <algorithm>
#include <set>

#include "common/files.hpp"
#include "common/text.hpp"

namespace common {
namespace fs = std::filesystem;
namespace {

const std::string kExt = ".mustache";

struct RawFile {
    std::string shown, text;
};

// Byte offset named at the end of a kainjow error message ("... at 123").
std::size_t error_offset(const std::string& message) {
    const auto at = message.rfind(" at ");
    if (at == std::string::npos) return 0;
    try {
        return std::stoul(message.substr(at + 4));
    } catch (...) {
        return 0;
    }
}

struct PartialTag {
    std::size_t start, end;
    std::string name;
};

// The {{>name}} tags of a template (default delimiters only, as our themes use).
std::vector<PartialTag> partial_tags(const std::string& text) {
    std::vector<PartialTag> tags;
    for (std::size_t p = 0; (p = text.find("{{", p)) != std::string::npos;) {
        const std::size_t close = text.find("}}", p + 2);
        if (close == std::string::npos) break;
        std::string inner = text.substr(p + 2, close - p - 2);
        const auto first = inner.find_first_not_of(' ');
        if (first != std::string::npos && inner[first] == '>') {
            std::string name = inner.substr(first + 1);
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            tags.push_back({p, close + 2, name});
        }
        p = close + 2;
    }
    return tags;
}

class Expander {
public:
    Expander(const std::map<std::string, RawFile>& partials, Diagnostics& diags) : partials_(partials), diags_(diags) {}

    // Inlines partials so that each page renders from one compiled tree
    // (kainjow would otherwise re-parse a partial at every use).
    std::string expand(const RawFile& file, std::vector<std::string>& stack) {
        std::string out;
        std::size_t last = 0;
        for (const PartialTag& tag : partial_tags(file.text)) {
            out.append(file.text, last, tag.start - last);
            last = tag.end;
            const auto it = partials_.find(tag.name);
            const LineCol lc = line_col_at(file.text, tag.start);
            if (it == partials_.end()) {
                diags_.add(file.shown, lc.line, lc.col, "unknown partial \"" + tag.name + "\" (no partials/" + tag.name + kExt + ")");
                continue;
            }
            if (std::find(stack.begin(), stack.end(), tag.name) != stack.end()) {
                diags_.add(file.shown, lc.line, lc.col, "partial \"" + tag.name + "\" includes itself");
                continue;
            }
            stack.push_back(tag.name);
            out += expand(it->second, stack);
            stack.pop_back();
        }
        out.append(file.text, last, std::string::npos);
        return out;
    }

private:
    const std::map<std::string, RawFile>& partials_;
    Diagnostics& diags_;
};

std::map<std::string, RawFile> read_dir(const fs::path& site_root, const fs::path& dir, const std::string& shown_dir, Diagnostics& diags,
                                        ThemeSource& source) {
    std::map<std::string, RawFile> out;
    for (const std::string& rel : list_site_files(dir, site_root, shown_dir, diags)) {
        const std::string shown = shown_dir + rel;
        if (rel.size() <= kExt.size() || !ends_with(rel, kExt) ||
            rel.find('/') != std::string::npos) {
            diags.add(shown, 0, 0, "unexpected file: templates and partials are *" + kExt + " files");
            continue;
        }
        try {
            RawFile f{shown, read_file(dir / rel, shown)};
            source.texts.emplace_back(shown, f.text);
            kainjow::mustache::mustache check(f.text);
            if (!check.is_valid()) {
                const LineCol lc = line_col_at(f.text, error_offset(check.error_message()));
                diags.add(shown, lc.line, lc.col, "Mustache syntax: " + check.error_message());
                continue;
            }
            out.emplace(rel.substr(0, rel.size() - kExt.size()), std::move(f));
        } catch (const SourceError& e) {
            diags.add(e.diagnostic());
        }
    }
    return out;
}

}  // namespace

ThemeSource load_theme(const fs::path& site_root, const std::string& name, const std::vector<std::string>& required, Diagnostics& diags) {
    ThemeSource source;
    const fs::path dir = site_root / "themes" / name;
    const std::string shown = "themes/" + name + "/";
    if (!fs::is_directory(dir)) {
        diags.add("config.json", 0, 0, "theme \"" + name + "\" not found: no folder " + shown);
        return source;
    }
    const auto partials = read_dir(site_root, dir / "partials", shown + "partials/", diags, source);
    const auto templates = read_dir(site_root, dir / "templates", shown + "templates/", diags, source);
    Expander expander(partials, diags);
    for (const auto& [tname, file] : templates) {
        std::vector<std::string> stack;
        std::string text = expander.expand(file, stack);
        kainjow::mustache::mustache compiled(text);
        if (!compiled.is_valid()) {
            // Each file compiled alone, so the problem spans a template and its partials.
            diags.add(file.shown, 0, 0, "Mustache syntax after including partials: " + compiled.error_message());
            continue;
        }
        source.templates.emplace(tname, std::move(text));
        source.shown_paths.emplace(tname, file.shown);
    }
    for (const std::string& r : required)
        if (!templates.count(r)) diags.add(shown + "templates/", 0, 0, "missing template " + r + kExt);
    for (const std::string& rel : list_site_files(dir / "static", site_root, shown + "static/", diags)) {
        std::error_code ec;
        const auto size = fs::file_size(dir / "static" / rel, ec);
        source.static_files.push_back({(dir / "static" / rel).string(), shown + "static/" + rel, rel, ec ? 0 : size});
    }
    return source;
}

Templates::Templates(const ThemeSource& source) : source_(source) {
    for (const auto& [name, text] : source.templates) compiled_.emplace(name, std::make_unique<kainjow::mustache::mustache>(text));
}

std::string Templates::render(const std::string& name, const kainjow::mustache::data& view) {
    const auto it = compiled_.find(name);
    if (it == compiled_.end()) fail("themes/", 0, 0, "no template \"" + name + "\"");
    std::string out = it->second->render(view);
    if (!it->second->is_valid()) fail(source_.shown_paths.at(name), 0, 0, "Mustache: " + it->second->error_message());
    return out;
}

}  // namespace common
