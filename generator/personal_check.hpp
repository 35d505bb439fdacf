#pragma once

#include <atomic>
#include <set>
#include <string>
#include <string_view>

#include "common/diagnostic.hpp"

namespace gen {

// Stops personal numbers (mobile, ID card) from being published, unless the
// site config lists them in public_numbers.
class PersonalDataCheck {
public:
    PersonalDataCheck(const std::set<std::string>& allowed, common::Diagnostics& diags) : allowed_(allowed), diags_(diags) {}

    // A source file: reports each number at its line and column.
    void scan_source(const std::string& shown_path, std::string_view text);
    // A generated file: a safety net for numbers that no source scan saw
    // (assembled by a theme, say). Quiet once a source scan has reported.
    void scan_output(const std::string& out_path, std::string_view text);

private:
    const std::set<std::string>& allowed_;
    common::Diagnostics& diags_;
    std::atomic<bool> source_hit_{false};
};

// Text files worth scanning among copied files, by extension.
bool is_text_file(const std::string& path);

}  // namespace gen
