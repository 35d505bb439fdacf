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
};

struct FormBlock {
    std::string type;  // fields, table, text, outline, signatures, per_year
    std::string heading;
    std::string note;
    std::vector<FormField> fields;  // "fields": the fields; "table": the columns
    std::string name;               // "table": name of the rows in a submission
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

}  // namespace common
