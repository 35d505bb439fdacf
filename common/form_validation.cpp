#include "common/form_validation.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/calendar.hpp"
#include "common/utf8.hpp"

namespace common {
namespace {

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string format_money(long long hundredths) {
    std::string out = std::to_string(hundredths / 100);
    const long long cents = hundredths % 100;
    if (cents % 10 == 0 && cents) out += "." + std::to_string(cents / 10);
    else if (cents) out += "." + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
    return out;
}

// Fixed-line numbers as written on forms: 8805708, 0730-8805708, (0730)8805708.
bool valid_phone(const std::string& s) {
    std::string digits;
    for (char c : s) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c != '-' && c != ' ' && c != '(' && c != ')') return false;
    }
    return digits.size() >= 7 && digits.size() <= 12;
}

bool valid_mobile(const std::string& s) { return s.size() == 11 && all_digits(s) && s[0] == '1' && s[1] >= '3' && s[1] <= '9'; }

void add_keys(const std::vector<FormBlock>& blocks, int year, int max_rows, std::vector<FieldKey>& out) {
    for (const auto& b : blocks) {
        if (b.type == "per_year") {
            for (int y : b.years) add_keys(b.blocks, y, max_rows, out);
        } else if (b.type == "table") {
            for (int row = 0; row < max_rows; ++row)
                for (const auto& c : b.fields)
                    out.push_back({cell_key(row_prefix(b.name, year), row, c.name), &c,
                                   c.label + year_label(year) + "第" + std::to_string(row + 1) + "行", true});
        } else {
            for (const auto& f : b.fields) out.push_back({value_key(f.name, year), &f, f.label + year_label(year)});
        }
    }
}

// The years a rule applies to: those of the per_year block holding its total, or none.
std::vector<int> rule_years(const Form& form, const std::string& field) {
    for (const auto& b : form.blocks) {
        if (b.type != "per_year") continue;
        for (const auto& inner : b.blocks)
            for (const auto& f : inner.fields)
                if (f.name == field) return b.years;
    }
    return {0};
}

const std::string* find_value(const FormValues& values, const std::string& key) {
    const auto it = values.find(key);
    return it == values.end() || trim(it->second).empty() ? nullptr : &it->second;
}

}  // namespace

std::string label_of(const Form& form, const std::string& name) {
    for (const FormField* f : all_fields(form))
        if (f->name == name) return f->label;
    return name;
}

bool parse_money(const std::string& raw, long long& hundredths) {
    const std::string s = trim(raw);
    const auto dot = s.find('.');
    const std::string whole = s.substr(0, dot);
    const std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    if (!all_digits(whole) || whole.size() > 12) return false;
    if (dot != std::string::npos && (frac.empty() || frac.size() > 2 || !all_digits(frac))) return false;
    hundredths = std::stoll(whole) * 100 + (frac.empty() ? 0 : std::stoll(frac) * (frac.size() == 1 ? 10 : 1));
    return true;
}

std::vector<FieldKey> form_keys(const Form& form, int max_rows) {
    std::vector<FieldKey> out;
    add_keys(form.blocks, 0, max_rows, out);
    return out;
}

const std::map<std::string, std::string>& message_templates() {
    static const std::map<std::string, std::string> templates = {
        {"required", "请填写{label}"},
        {"too_long", "{label}不能超过{max}字（现为{count}字）"},
        {"bad_mobile", "{label}应为11位手机号码"},
        {"bad_phone", "{label}应为电话号码"},
        {"bad_money", "{label}应为金额（万元），最多两位小数"},
        {"bad_date", "{label}应为日期，如2021-01-18"},
        {"bad_year", "{label}应为四位年份"},
        {"bad_encoding", "{label}不是有效的UTF-8文本"},
        {"unknown_field", "表单中没有此项：{label}"},
        {"sum_mismatch", "{label}应等于{parts}：填写{total}，合计{sum}"},
        {"column_sum_mismatch", "{label}应等于{parts}：填写{total}，合计{sum}"},
        // Not fields of the form, but asked with it.
        {"missing_access_code", "请填写访问码"},
        {"privacy_notice_required", "请阅读并同意《{label}》后再提交"},
    };
    return templates;
}

std::string message(const std::string& code, const std::map<std::string, std::string>& values) {
    std::string text = message_templates().at(code);
    for (const auto& [name, value] : values) {
        const std::string slot = "{" + name + "}";
        for (std::size_t p; (p = text.find(slot)) != std::string::npos;) text.replace(p, slot.size(), value);
    }
    return text;
}

std::vector<RuleCheck> rule_checks(const Form& form) {
    std::vector<RuleCheck> out;
    for (const FormRule& rule : form.rules) {
        for (const int year : rule_years(form, rule.total)) {
            RuleCheck check;
            check.code = rule.type == "sum" ? "sum_mismatch" : "column_sum_mismatch";
            check.total_key = value_key(rule.total, year);
            check.label = label_of(form, rule.total) + year_label(year);
            if (rule.type == "sum") {
                for (const auto& p : rule.parts) {
                    check.part_keys.push_back(value_key(p, year));
                    check.parts += (check.parts.empty() ? "" : "与") + label_of(form, p);
                }
                check.parts += "之和";
            } else {
                check.table_prefix = row_prefix(rule.table, year);
                check.column = rule.column;
                check.parts = "各行" + label_of(form, rule.column) + "之和";
            }
            out.push_back(std::move(check));
        }
    }
    return out;
}

std::vector<FieldError> validate_form(const Form& form, const FormValues& values) {
    std::vector<FieldError> errors;
    const std::vector<FieldKey> keys = form_keys(form, kMaxTableRows);
    std::set<std::string> known;
    for (const auto& k : keys) known.insert(k.key);
    for (const auto& [key, value] : values)
        if (!known.count(key)) errors.push_back({"unknown_field", key, message("unknown_field", {{"label", key}})});

    for (const auto& k : keys) {
        const FormField& f = *k.field;
        const std::string* raw = find_value(values, k.key);
        if (!raw) {
            // Table rows are optional; a required column matters only in a row that is used.
            if (f.required && !k.in_table) errors.push_back({"required", k.key, message("required", {{"label", k.label}})});
            continue;
        }
        const std::string v = trim(*raw);
        if (!is_valid_utf8(v)) {
            errors.push_back({"bad_encoding", k.key, message("bad_encoding", {{"label", k.label}})});
            continue;
        }
        if (f.max_chars > 0 && utf8_length(v) > static_cast<std::size_t>(f.max_chars)) {
            errors.push_back({"too_long", k.key,
                              message("too_long", {{"label", k.label}, {"max", std::to_string(f.max_chars)}, {"count", std::to_string(utf8_length(v))}})});
            continue;
        }
        long long money = 0;
        std::string code;
        if (f.type == "mobile" && !valid_mobile(v)) code = "bad_mobile";
        else if (f.type == "phone" && !valid_phone(v)) code = "bad_phone";
        else if (f.type == "money" && !parse_money(v, money)) code = "bad_money";
        else if (f.type == "date" && !is_iso_date(v)) code = "bad_date";
        else if (f.type == "year" && !(v.size() == 4 && all_digits(v))) code = "bad_year";
        if (!code.empty()) errors.push_back({code, k.key, message(code, {{"label", k.label}})});
    }
    if (!errors.empty()) return errors;  // sums only make sense over well-formed numbers

    for (const RuleCheck& check : rule_checks(form)) {
        long long total = 0, sum = 0;
        bool any = false;
        auto add = [&](const std::string& key, long long& into) {
            long long amount = 0;
            if (const std::string* v = find_value(values, key)) {
                parse_money(*v, amount);
                any = true;
            }
            into += amount;
        };
        add(check.total_key, total);
        for (const auto& key : check.part_keys) add(key, sum);
        if (!check.table_prefix.empty())
            for (int row = 0; row < kMaxTableRows; ++row) add(cell_key(check.table_prefix, row, check.column), sum);
        if (any && total != sum)
            errors.push_back({check.code, check.total_key,
                              message(check.code, {{"label", check.label}, {"parts", check.parts}, {"total", format_money(total)}, {"sum", format_money(sum)}})});
    }
    return errors;
}

}  // namespace common
