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

// Money in 万元 with at most two decimals, as hundredths; false if malformed.
bool parse_money(const std::string& text, long long& hundredths);

inline constexpr int kMaxTableRows = 50;

}  // namespace common
