#pragma once
// What a blank form's printed label tells of the field beside it: its kind
// (手机号码 a mobile number, 起止时间 a period, （1000字以内） a text area of
// that length), whether it holds personal data, and a name for it. The
// Word file says no more; the bureau reviews the rest. Internal to the import.

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

namespace gen::import {

struct LabelMeaning {
    std::string type;   // a field type of common/form_schema.hpp
    int max_chars = 0;  // the N of "（N字以内）", or 0
    bool personal = false;
};

// Whether `text` holds any of `words`.
bool says_any(const std::string& text, std::initializer_list<std::string_view> words);

// `label` as printed, its trailing colon already gone.
LabelMeaning meaning_of(const std::string& label);

// The label without the colon it ends with (：or :) and the spaces around it.
std::string label_text(const std::string& cell);

// Field names unique within one form: a known label's name (单位名称
// unit_name, 负责人 leader, a 手机号码 after it leader_mobile), else field_1,
// field_2 ...
class FieldNames {
public:
    // A table's column drops "_name": 单位名称 is its column "unit".
    std::string name_for(const std::string& label, const LabelMeaning& meaning, bool column);
    // `base`, or base_2, base_3 ... when a field has it already.
    std::string unique(const std::string& base);

private:
    std::set<std::string> used_;
    std::string last_person_;  // whose number a 手机号码 or 电话 after it is
    int unnamed_ = 0;
};

}  // namespace gen::import
