#include "generator/front_matter.hpp"

#include "common/diagnostic.hpp"

namespace gen {
namespace {

// Offset just past the end of the line starting at `pos`, and that line without its newline.
std::string_view line_at(const std::string& text, std::size_t pos, std::size_t& next) {
    std::size_t end = text.find('\n', pos);
    next = end == std::string::npos ? text.size() : end + 1;
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

}  // namespace

FrontMatter parse_front_matter(const std::string& text, const std::string& shown_path) {
    std::size_t pos = 0;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;  // a BOM left by Windows editors
    std::size_t next;
    if (line_at(text, pos, next) != "---")
        common::fail(shown_path, 1, 1, "a notice must start with front matter: a line \"---\"");
    const std::size_t yaml_start = next;
    int line = 2;
    pos = next;
    while (pos < text.size()) {
        const std::string_view l = line_at(text, pos, next);
        if (l == "---") break;
        pos = next;
        ++line;
    }
    if (pos >= text.size()) common::fail(shown_path, 1, 1, "front matter is not closed by a line \"---\"");

    FrontMatter fm;
    const std::string yaml = text.substr(yaml_start, pos - yaml_start);
    try {
        fm.fields = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        // yaml-cpp counts lines and columns from 0 within the YAML block.
        common::fail(shown_path, e.mark.line + 2, e.mark.column + 1, "invalid front matter: " + e.msg);
    }
    if (!fm.fields.IsMap()) common::fail(shown_path, 2, 1, "front matter must be a map of keys to values");
    fm.body = text.substr(next);
    fm.body_line = line + 1;
    return fm;
}

}  // namespace gen
