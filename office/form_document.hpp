#pragma once
// A form definition as office files: the DOCX to fill in and, for a form
// built around a table (申报汇总表), the spreadsheet.

#include <string>

#include "common/form_schema.hpp"
#include "common/form_validation.hpp"
#include "office/docx.hpp"
#include "office/xlsx.hpp"

namespace office {

// Which stored version a filled copy is: printed under its heading, so that
// a copy printed, stamped and scanned names the version it stands for.
struct CopyMark {
    std::string receipt;
    int version = 0;
    std::string received_at;  // as shown: "2019-09-20 10:30"
};

// The form as printed: heading, the blanks of every block, per-year pages
// each on a page of their own, signatures and notes. With `filled`, the
// blanks hold a stored version's values (a table gets as many rows as it
// used, at least its blank rows): the same document, filled in. With
// `mark`, the copy also names its version, and ends with the lines the
// sender stamps and signs in ink.
docx::Document form_document(const common::Form& form, const std::string& author, const std::string& date,
                             const common::FormValues* filled = nullptr, const CopyMark* mark = nullptr);

// A top-level table of the form: its column labels and blank (or filled) rows.
xlsx::Sheet form_table_sheet(const common::FormBlock& table, const common::FormValues* filled = nullptr);

// The whole form on one sheet: title, its fields as label/blank pairs, then
// its tables. Only "fields" and "table" blocks have a place on a sheet.
xlsx::Sheet form_sheet(const common::Form& form, const common::FormValues* filled = nullptr);

// The form has a table at its top level, and is better filled in as a sheet.
bool is_table_form(const common::Form& form);

// A stored version's values in its form, as the bytes of the files to print,
// stamp or pass on: the DOCX, and (for a table form) the XLSX.
std::string filled_docx(const common::Form& form, const std::string& author, const std::string& date, const common::FormValues& values,
                        const CopyMark* mark = nullptr);
// The same document as a PDF (office/document_pdf.hpp), for printing as it is.
std::string filled_pdf(const common::Form& form, const std::string& author, const std::string& date, const common::FormValues& values,
                       const CopyMark& mark);
std::string filled_xlsx(const common::Form& form, const std::string& author, const std::string& date, const common::FormValues& values);

}  // namespace office
