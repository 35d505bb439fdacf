#pragma once
// Who has signed a task book (计划任务书), party by party: 丙方 the school by
// submitting it, 乙方 its county by confirming it (a 市直学校 has none), 甲方
// the city by signing it. Its page, its filled DOCX and the desks read it here.

#include <string>
#include <vector>

#include "common/form_validation.hpp"
#include "common/review_state.hpp"

namespace common {

struct Signature {
    std::string party;   // school, county or city, as the form's signatures name them
    std::string label;   // 试点项目承担单位（丙方）, ...
    std::string signer;  // the unit's name
    const char* verb;    // what the party does online: 提交, 确认, 签订
    std::string at;      // RFC 3339; empty while unsigned
    bool skipped = false;  // 乙方 of a 市直学校: no county signs
};

// In the order the parties sign. `received_at`: when the version was stored.
std::vector<Signature> task_book_signatures(const SiteData& site, const VersionState& v, const std::string& received_at);

// The signatures as a filled form's values (signature_key), for the printed copy.
void add_signatures(FormValues& values, const std::vector<Signature>& signatures);

}  // namespace common
