#pragma once
// The bureau's export: every current submission of a call as a workbook, for
// review in Excel. Holds personal data, so it is written only where the
// bureau says and never into the public site.

#include <filesystem>
#include <string>
#include <vector>

#include "common/diagnostic.hpp"
#include "generator/review/submissions_loader.hpp"
#include "generator/site_model.hpp"
#include "office/xlsx.hpp"

namespace gen {

// out: the .xlsx file.
struct ExportOptions : CallFiles {
    std::filesystem::path csv;  // if set: one CSV per sheet in this directory
};

// A summary sheet (per county: expected, received, over or under), one sheet
// per county with the newest version of each unit's submission, and one
// sheet per form table (the task books' budget rows) across all units.
office::xlsx::Workbook call_workbook(const Site& site, const Call& call);

// Loads the site and the submissions, writes the files; the errors, if any.
// Files are replaced whole: a failed export leaves the previous one.
std::vector<common::Diagnostic> export_call(const ExportOptions& options);

}  // namespace gen
