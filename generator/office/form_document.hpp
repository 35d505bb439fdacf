#pragma once
// A form definition as office files: the DOCX to fill in and, for a form
// built around a table (申报汇总表), the spreadsheet.

#include <string>

#include "common/form_schema.hpp"
#include "generator/office/docx.hpp"
#include "generator/office/xlsx.hpp"

namespace gen {

// The form as printed: heading, the blanks of every block, per-year pages
// each on a page of their own, signatures and notes.
docx::Document form_document(const common::Form& form, const std::string& author, const std::string& date);

// A top-level table of the form: its column labels and blank rows.
xlsx::Sheet form_table_sheet(const common::FormBlock& table);

// The whole form on one sheet: title, its fields as label/blank pairs, then
// its tables. Only "fields" and "table" blocks have a place on a sheet.
xlsx::Sheet form_sheet(const common::Form& form);

// The form has a table at its top level, and is better filled in as a sheet.
bool is_table_form(const common::Form& form);

}  // namespace gen
