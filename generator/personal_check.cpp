#include "generator/personal_check.hpp"

#include "common/personal_data.hpp"
#include "common/text.hpp"

namespace gen {

void PersonalDataCheck::scan_source(const std::string& shown_path, std::string_view text) {
    for (const auto& hit : common::find_personal_numbers(text)) {
        if (allowed_.count(hit.digits)) continue;
        source_hit_ = true;
        const common::LineCol lc = common::line_col_at(text, hit.offset);
        diags_.add(shown_path, lc.line, lc.col,
                   std::string("personal data: ") + hit.kind + " " + hit.digits +
                       " would be published (remove it, or list it in public_numbers in config.json if it is meant to be public)");
    }
}

void PersonalDataCheck::scan_output(const std::string& out_path, std::string_view text) {
    if (source_hit_) return;
    for (const auto& hit : common::find_personal_numbers(text)) {
        if (allowed_.count(hit.digits)) continue;
        const common::LineCol lc = common::line_col_at(text, hit.offset);
        diags_.add("public/" + out_path, lc.line, lc.col, std::string("personal data: ") + hit.kind + " " + hit.digits + " in generated output");
    }
}

bool is_text_file(const std::string& path) {
    static const char* exts[] = {".csv", ".txt", ".md", ".html", ".htm", ".json", ".xml", ".svg", ".css", ".js"};
    for (const char* e : exts) {
        const std::string ext = e;
        if (common::ends_with(path, ext)) return true;
    }
    return false;
}

}  // namespace gen
