#pragma once
// The only reader of themes/<name>/: templates, partials and static files.
// Both programs render with it: the generator its pages, the collector the
// pages it answers with.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "common/diagnostic.hpp"
#include "common/static_file.hpp"

namespace common {

// Template texts with their partials already inlined, checked for syntax.
struct ThemeSource {
    std::map<std::string, std::string> templates;  // name -> expanded text
    std::map<std::string, std::string> shown_paths;  // name -> file, for messages
    std::vector<StaticFile> static_files;
    std::vector<std::pair<std::string, std::string>> texts;  // (shown path, text) of every file read, for scans
};

// `required`: the templates the caller renders; each missing one is an error.
ThemeSource load_theme(const std::filesystem::path& site_root, const std::string& name, const std::vector<std::string>& required,
                       Diagnostics& diags);

// Compiled templates. Each thread compiles its own: kainjow's render is not const.
class Templates {
public:
    explicit Templates(const ThemeSource& source);
    // Renders `name` with `view`; a render-time error becomes a SourceError naming the template.
    std::string render(const std::string& name, const kainjow::mustache::data& view);

private:
    const ThemeSource& source_;
    std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> compiled_;
};

}  // namespace common
