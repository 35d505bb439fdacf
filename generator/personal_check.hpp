#pragma once

#include <atomic>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.hpp"
#include "common/site_data.hpp"

namespace gen {

// Stops personal data (mobile and landline numbers, ID-card numbers, names
// after labels such as 负责人) from being published. Numbers the site config
// lists in public_numbers may be, and so may the phone numbers of the
// site's own contacts (data/site.json), with or without their area code.
class PersonalDataCheck {
public:
    PersonalDataCheck(const std::set<std::string>& allowed, common::Diagnostics& diags) : allowed_(allowed), diags_(diags) {}

    // Before any scan: the contacts are known once data/ is loaded.
    void allow_contacts(const std::vector<common::Contact>& contacts);

    // A source file: reports each number at its line and column.
    void scan_source(const std::string& shown_path, std::string_view text);
    // A file copied as it is: numbers, and names after their labels, which
    // a notice or a data file may name on purpose (the published list's
    // 项目负责人) but a copied file carries unseen.
    void scan_copied(const std::string& shown_path, std::string_view text);
    // The text of a copied document (PDF, DOCX, XLSX), part by part:
    // reported at the file, with the part and the line in the message.
    void scan_document(const std::string& shown_path, const std::string& where, std::string_view text);
    // A generated file: a safety net for numbers that no source scan saw
    // (assembled by a theme, say). Quiet once a source scan has reported.
    void scan_output(const std::string& out_path, std::string_view text);
    // A piece of a generated file written in pieces, which starts at `at` in
    // the file and ends where no number can go on (after a JSON bracket, say).
    // Returns where the next piece starts.
    common::LineCol scan_output_piece(const std::string& out_path, std::string_view piece, common::LineCol at);

private:
    bool allowed(const std::string& digits) const;
    void scan(const std::string& shown_path, std::string_view text, bool names, const std::string& where);

    const std::set<std::string>& allowed_;
    std::set<std::string> contact_numbers_;
    common::Diagnostics& diags_;
    std::atomic<bool> source_hit_{false};
};

// Text files worth scanning among copied files, by extension.
bool is_text_file(const std::string& path);

}  // namespace gen
