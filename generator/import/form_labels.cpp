#include "generator/import/form_labels.hpp"

#include <utility>

#include "common/text.hpp"
#include "generator/import/word_text.hpp"

namespace gen::import {

namespace {

// The N of a "（N字以内…）" in the label: the bureau's limit for a text area.
int stated_max_chars(const std::string& s) {
    for (const std::string_view open : {"（", "("}) {
        for (std::size_t at = s.find(open); at != std::string::npos; at = s.find(open, at + 1)) {
            std::size_t bytes = 0;
            const int n = leading_number(std::string_view(s).substr(at + open.size()), bytes);
            if (n > 0 && common::starts_with(std::string_view(s).substr(at + open.size() + bytes), "字")) return n;
        }
    }
    return 0;
}

// The names the bureau's own forms give these labels, so that what reads
// them (the collector's review reads project_name and leader, a county's
// forwarding county_leader) finds an imported form's fields. First match wins.
const std::pair<const char*, const char*> kKnownLabels[] = {
    {"教育局名称", "county_bureau"}, {"学校名称", "unit_name"}, {"单位名称", "unit_name"}, {"项目名称", "project_name"},
    {"实施方案", "plan_summary"},    {"芙蓉学校", "furong_school"}, {"类别", "category"},  {"联系人", "contact"},
    {"负责人", "leader"},
};

std::string known_name(const std::string& s) {
    for (const auto& [word, name] : kKnownLabels)
        if (says_any(s, {word})) {
            const std::string base = name;
            // A county's own person or office, on a form the county fills in.
            return common::starts_with(s, "县市区") && !common::starts_with(base, "county_") ? "county_" + base : base;
        }
    return "";
}

}  // namespace

bool says_any(const std::string& text, std::initializer_list<std::string_view> words) {
    for (const std::string_view w : words)
        if (text.find(w) != std::string::npos) return true;
    return false;
}

LabelMeaning meaning_of(const std::string& label) {
    const std::string s = spaceless(label);
    LabelMeaning m;
    m.max_chars = stated_max_chars(s);
    if (m.max_chars) m.type = "textarea";
    else if (says_any(s, {"手机"})) m.type = "mobile";
    else if (says_any(s, {"电话"})) m.type = "phone";
    else if (says_any(s, {"起止时间", "起止日期"})) m.type = "period";
    else if (says_any(s, {"日期", "时间"})) m.type = "date";
    else if (says_any(s, {"年度"})) m.type = "year";
    else if (says_any(s, {"万元", "金额", "经费", "预算"})) m.type = "money";
    else if (says_any(s, {"另附"})) m.type = "file";
    else m.type = "text";
    m.personal = says_any(s, {"负责人", "联系人", "姓名"}) || m.type == "mobile" || m.type == "phone";
    return m;
}

std::string label_text(const std::string& cell) {
    std::string s = trim_spaces(cell);
    for (const std::string_view colon : {"：", ":"})
        if (common::ends_with(s, colon)) s.erase(s.size() - colon.size());
    return trim_spaces(s);
}

std::string FieldNames::unique(const std::string& base) {
    std::string name = base;
    for (int k = 2; !used_.insert(name).second; ++k) name = base + "_" + std::to_string(k);
    return name;
}

std::string FieldNames::name_for(const std::string& label, const LabelMeaning& meaning, bool column) {
    const std::string known = known_name(spaceless(label));
    std::string base = known;
    const bool number = meaning.type == "mobile" || meaning.type == "phone";
    if (number) {
        // 手机号码 alone is the number of the person named just before it.
        const std::string& person = known.empty() ? last_person_ : known;
        base = (person.empty() ? "" : person + "_") + meaning.type;
    }
    if (column && common::ends_with(base, "_name")) base.erase(base.size() - 5);
    if (base.empty()) base = "field_" + std::to_string(++unnamed_);
    const std::string name = unique(base);
    if (!number && meaning.personal && !known.empty()) last_person_ = name;
    return name;
}

}  // namespace gen::import
