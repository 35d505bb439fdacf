#pragma once
// Checks a submission's values against its form definition. The one
// validation code path: the collector runs it on every submission, and
// its codes and messages are what the online forms show.

#include <map>
#include <string>
#include <vector>

#include "common/form_schema.hpp"

namespace common {

// A submission's values, flat: "unit_name"; per-year fields "content.2021";
// table cells "schools.0.unit", per-year "budget_items.2021.0.cost".
// File fields hold the uploaded file's original name.
using FormValues = std::map<std::string, std::string>;

struct FieldError {
    std::string code;     // stable, English: required, too_long, bad_mobile, sum_mismatch, ...
    std::string field;    // the key in FormValues
    std::string message;  // Chinese, for people
};

std::vector<FieldError> validate_form(const Form& form, const FormValues& values);

// Every key a submission of this form may carry, in document order, with
// its field; tables up to `max_rows` rows.
struct FieldKey {
    std::string key;
    const FormField* field;
    std::string label;  // the label with its year or row, for messages
    bool in_table = false;
};
std::vector<FieldKey> form_keys(const Form& form, int max_rows);

// The sums a form's rules ask for, one per rule and year: total_key must equal
// the sum of part_keys, or of column `column` over the rows under table_prefix.
struct RuleCheck {
    std::string code;          // sum_mismatch or column_sum_mismatch
    std::string total_key;     // "budget_total.2021"
    std::string label;         // the total's label with its year
    std::string parts;         // what it must equal, in words: "各行所需经费（万元）之和"
    std::vector<std::string> part_keys;
    std::string table_prefix;  // "budget_items.2021."
    std::string column;
};
std::vector<RuleCheck> rule_checks(const Form& form);

// A field's label as printed on the form; its name when the form has no such field.
std::string label_of(const Form& form, const std::string& name);

// The text of every message by code, with {label}, {max}, {count}, {parts},
// {total}, {sum} to fill in: the collector answers with them and the online
// forms, which check fields before sending, are given the same table.
const std::map<std::string, std::string>& message_templates();
std::string message(const std::string& code, const std::map<std::string, std::string>& values);

// Money in 万元 with at most two decimals, as hundredths; false if malformed.
bool parse_money(const std::string& text, long long& hundredths);

inline constexpr int kMaxTableRows = 50;

}  // namespace common
