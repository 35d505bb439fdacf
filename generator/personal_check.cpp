#include "generator/personal_check.hpp"

#include "common/personal_data.hpp"
#include "common/text.hpp"

namespace gen {
namespace {

std::string digits_of(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out += c;
    return out;
}

std::string remedy(const std::string& kind) {
    if (kind == "landline number")
        return "remove it, or list it in public_numbers in config.json or among the contacts of data/site.json if it is meant to be public";
    return "remove it, or list it in public_numbers in config.json if it is meant to be public";
}

}  // namespace

void PersonalDataCheck::allow_contacts(const std::vector<common::Contact>& contacts) {
    for (const auto& c : contacts)
        if (const std::string d = digits_of(c.phone); !d.empty()) contact_numbers_.insert(d);
}

// A contact's number may be written without its area code (8805708) and
// published with it (0730-8805708).
bool PersonalDataCheck::allowed(const std::string& digits) const {
    if (allowed_.count(digits) || contact_numbers_.count(digits)) return true;
    for (const std::string& c : contact_numbers_) {
        const std::size_t code = digits.size() > c.size() ? digits.size() - c.size() : 0;
        if (c[0] != '0' && (code == 3 || code == 4) && digits[0] == '0' && digits.compare(code, std::string::npos, c) == 0) return true;
    }
    return false;
}

void PersonalDataCheck::scan(const std::string& shown_path, std::string_view text, bool names, const std::string& where) {
    auto report = [&](std::size_t offset, const std::string& what) {
        source_hit_ = true;
        const common::LineCol lc = common::line_col_at(text, offset);
        if (where.empty()) diags_.add(shown_path, lc.line, lc.col, "personal data: " + what);
        else diags_.add(shown_path, 0, 0, "personal data in " + where + ", line " + std::to_string(lc.line) + ": " + what);
    };
    for (const auto& hit : common::find_personal_numbers(text))
        if (!allowed(hit.digits)) report(hit.offset, std::string(hit.kind) + " " + hit.digits + " would be published (" + remedy(hit.kind) + ")");
    if (!names) return;
    for (const auto& hit : common::find_personal_names(text))
        report(hit.offset, "name " + hit.name + " after " + hit.label + " would be published (remove it)");
}

void PersonalDataCheck::scan_source(const std::string& shown_path, std::string_view text) { scan(shown_path, text, false, ""); }

void PersonalDataCheck::scan_copied(const std::string& shown_path, std::string_view text) { scan(shown_path, text, true, ""); }

void PersonalDataCheck::scan_document(const std::string& shown_path, const std::string& where, std::string_view text) {
    scan(shown_path, text, true, where);
}

void PersonalDataCheck::scan_output(const std::string& out_path, std::string_view text) {
    if (source_hit_) return;
    for (const auto& hit : common::find_personal_numbers(text)) {
        if (allowed(hit.digits)) continue;
        const common::LineCol lc = common::line_col_at(text, hit.offset);
        diags_.add("public/" + out_path, lc.line, lc.col, std::string("personal data: ") + hit.kind + " " + hit.digits + " in generated output");
    }
}

namespace {

// Where `offset` of a piece lies in its file, the piece starting at `at`.
common::LineCol in_file(std::string_view piece, std::size_t offset, common::LineCol at) {
    const common::LineCol lc = common::line_col_at(piece, offset);
    if (lc.line == 1) return {at.line, at.col + lc.col - 1};
    return {at.line + lc.line - 1, lc.col};
}

}  // namespace

common::LineCol PersonalDataCheck::scan_output_piece(const std::string& out_path, std::string_view piece, common::LineCol at) {
    if (!source_hit_) {
        for (const auto& hit : common::find_personal_numbers(piece)) {
            if (allowed(hit.digits)) continue;
            const common::LineCol lc = in_file(piece, hit.offset, at);
            diags_.add("public/" + out_path, lc.line, lc.col, std::string("personal data: ") + hit.kind + " " + hit.digits + " in generated output");
        }
    }
    return in_file(piece, piece.size(), at);
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
