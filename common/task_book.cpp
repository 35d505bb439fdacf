#include "common/task_book.hpp"

#include "common/calendar.hpp"

namespace common {
namespace {

const Act* last_of(const VersionState& v, ActKind kind) {
    const Act* found = nullptr;
    for (const Act* a : v.history) found = a->kind == kind ? a : found;
    return found;
}

}  // namespace

std::vector<Signature> task_book_signatures(const SiteData& site, const VersionState& v, const std::string& received_at) {
    const County* county = site.units.county(v.county);
    const bool direct = county && county->applies_to_city;
    const Act* confirmed = last_of(v, ActKind::confirm);
    const Act* signed_off = last_of(v, ActKind::sign);
    return {
        {"school", "试点项目承担单位（丙方）", site.units.name_of(v.key.unit), "提交", received_at, false},
        {"county", "责任部门（乙方）", direct ? std::string() : site.units.name_of(v.county) + "教育行政部门", "确认", confirmed ? confirmed->at : "", direct},
        {"city", "主管部门（甲方）", site.info.bureau, "签订", signed_off ? signed_off->at : "", false},
    };
}

void add_signatures(FormValues& values, const std::vector<Signature>& signatures) {
    for (const Signature& s : signatures)
        if (!s.at.empty()) values[signature_key(s.party)] = s.signer + "已于" + minute(s.at) + "在线" + s.verb;
}

}  // namespace common
