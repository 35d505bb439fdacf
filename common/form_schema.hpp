#pragma once
// Form definitions (data/forms/*.json): the one description of a form that the
// generator prints and the collector validates against.

#include <string>
#include <vector>

#include "common/json_file.hpp"

namespace common {

struct FormField {
    std::string name;   // ASCII snake_case, unique in the form
    std::string label;  // as printed on the paper form
    std::string type;   // text, textarea, mobile, phone, money, date, period, year, file
    bool required = false;
    bool personal = false;  // personal data: never published
    bool names_applicant = false;  // tells who applied (the school's name): hidden from experts when a call is anonymous
    bool wide = false;      // takes a whole row when printed
    int max_chars = 0;      // 0: no limit
};

struct OutlineItem {
    std::string text;
    std::vector<OutlineItem> items;
};

struct SignatureEntry {
    std::string label;
    std::vector<std::string> lines;
    // Who signs here when the form is signed online: school (丙方), county
    // (乙方) or city (甲方); a filled copy prints who signed and when.
    std::string party;
};

// The key of a filled form's value that says who signed as `party`, and when.
std::string signature_key(const std::string& party);

struct FormBlock {
    std::string type;  // fields, table, text, outline, signatures, per_year
    std::string heading;
    std::string note;
    std::vector<FormField> fields;  // "fields": the fields; "table": the columns
    std::string name;               // "table": name of the rows in a submission
    std::string title;              // "table": what the bureau's export calls it (a sheet name)
    int blank_rows = 0;             // "table": empty rows on the printed form
    std::vector<std::string> paragraphs;
    std::vector<OutlineItem> items;
    std::vector<SignatureEntry> entries;
    std::vector<int> years;         // "per_year": its blocks repeat for each year
    std::vector<FormBlock> blocks;
};

struct FormRule {
    std::string type;  // "sum": total = sum of parts; "column_sum": total = sum of a table column
    std::string total;
    std::vector<std::string> parts;
    std::string table;
    std::string column;
};

struct Form {
    std::string id;
    std::string title;
    std::vector<std::string> heading;
    std::string subtitle;
    std::string submitted_by;  // "school" or "county"
    std::vector<FormBlock> blocks;
    std::vector<FormRule> rules;
    std::vector<std::string> notes;
};

// Parses and checks a definition; throws SourceError at the offending place.
Form parse_form(const JsonFile& file, const std::string& id);

// Every field of the form, table columns included, in document order.
std::vector<const FormField*> all_fields(const Form& form);

// How a "fields" block is printed, on paper, in HTML and in DOCX alike: a wide
// field or a text area takes a row of its own, the others pair up.
std::vector<std::vector<const FormField*>> printed_rows(const FormBlock& block);

// Keys of a submission's values, written by the online form, checked by the
// collector, read by the export. A field of a per-year block carries its
// year ("budget_total.2021"), a table cell its row from 0 and its column
// ("budget_items.2021.0.cost"). Year 0: the block is not per year.
std::string value_key(const std::string& name, int year);
std::string row_prefix(const std::string& table, int year);  // "budget_items.2021."
std::string cell_key(const std::string& row_prefix, int row, const std::string& column);
// "（2021年）" after a label of a per-year block; empty for year 0.
std::string year_label(int year);

// "{year}" in a heading of a per-year block stands for that page's year.
std::string with_year(std::string text, int year);

}  // namespace common
