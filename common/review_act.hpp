#pragma once
// The acts of the review chain, each an immutable record (acts/<call>/NNNNNN.json):
// a county's 意见 on an application, its forwarding of the 申报汇总表, and
// the city's 退回修改, 不予受理 or 受理; then the expert stage: the city
// assigns experts, an expert declares a conflict of interest or scores (a
// draft, then the final score), the city notes its 现场考察 and decides. A
// task-book call (one open to a list's units) has its own acts: the county
// confirms a task book (乙方), the city signs it (甲方); and the pilot
// registry's: 年度检查, 中期评估, 验收, 限期整改, 终止 (pilot_registry.hpp).
// Nothing is edited in place: a later
// act supersedes an earlier one, and the state of every version is folded
// from the acts in their order (review_state.hpp).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/data_keys.hpp"
#include "common/data_layout.hpp"
#include "common/diagnostic.hpp"
#include "common/json_file.hpp"
#include "common/sealed_members.hpp"

namespace common {

enum class ActKind {
    opinion,  // a county's 县级意见 on one version: recommend or not, with its text and 负责人
    forward,  // a county forwards its recommended versions and its 申报汇总表 to the city
    revise,   // 退回修改: the school must send a new version
    refuse,   // 不予受理
    accept,   // 受理, for expert review
    assign,   // city staff assign an expert to an accepted version
    conflict, // the expert declares a conflict of interest, which ends the assignment
    score,    // the expert's scores and comment: a draft, or final
    visit,    // city staff's notes of the 现场考察
    decide,   // city staff decide 立项 for every accepted version at once, and open the 公示
    object,   // city staff record an objection to a proposal, received during the 公示
    settle,   // city staff settle an objection: upheld (the proposal falls) or not
    confirm,  // the county confirms its school's task book (乙方)
    sign,     // city staff sign a task book (甲方), after its county or, for a 市直学校, at once
    annual_check,  // 年度检查 of a pilot, by its county or city staff
    midterm,       // 中期评估 of a pilot, by city staff
    acceptance,    // 验收 passed: the pilot is finished
    rectify,       // 验收 not passed: 限期整改 until a date
    terminate,     // 终止: the pilot ends unfinished
};

const char* act_name(ActKind kind);  // as stored: "opinion", "forward", ...
const char* act_label(ActKind kind);  // as people read it: 县级意见, 报送市局, ...

// Who acted. A unit acts under its own name; city staff under theirs.
struct Actor {
    std::string role;  // "school", "county" or "city"
    std::string id;    // the unit's id, or the staff account's login
    std::string name;  // as commits and pages name the actor
};

// An expert as the assignment names them, with what conflicts of interest
// are judged by: their unit (an id of units.json, when it is one) and county.
struct Expert {
    std::string login, name, unit, county;
};

struct Score {
    std::string criterion;  // a key of the call's rubric
    int points = 0;
};

// One application the city proposes for 立项, as the 公示 publishes it:
// names of the unit and the project, nothing personal.
struct Proposal {
    VersionKey version;
    std::string unit_name, project;
};

// Who raised an objection, as the 公示 requires: a unit with its seal, or a
// person under their real name; a contact either way. Personal data.
struct Objector {
    std::string kind;  // "unit" or "person"
    std::string name, contact;
    bool sealed = false;   // a unit's objection bears its seal
    std::string received;  // YYYY-MM-DD: when the bureau received it, within the period
};

// Why the chain refuses an act: a stable code, the field it concerns, and
// the message for the person, in Chinese.
struct ChainRefusal {
    std::string code, field, message;
};

struct Act {
    int number = 0;  // order within the call, from 1; the store assigns it
    ActKind kind = ActKind::opinion;
    std::string call, at;  // at: RFC 3339, Asia/Shanghai
    Actor actor;
    VersionKey target;  // the version acted on (every kind but forward)
    bool recommend = false;  // opinion
    std::string text;        // opinion: its text; revise, refuse and conflict: the reason; score: the comment; visit: the notes
    std::string leader;      // opinion: the 负责人 who signs it (personal)
    std::string county;      // forward: the county
    VersionKey summary;      // forward: the stored 申报汇总表 version
    std::vector<VersionKey> selection;  // forward: the versions forwarded, in the county's order
    Expert expert;              // assign
    std::vector<Score> scores;  // score, in the rubric's order; text is the comment
    bool final = false;         // score: submitted, no longer a draft
    std::vector<Proposal> proposed;  // decide: 拟立项, in the city's order; every other accepted version is not
    std::string starts, ends;        // decide: the 公示 period, YYYY-MM-DD, both days included; text: how to object
    Objector objector;  // object: who raised it (text: what it says; target: the proposal)
    int objection = 0;  // settle: the number of the object act (text: how it was settled)
    bool upheld = false;  // settle: the objection stands, and its proposal is not listed
    // The registry's acts name the pilot by its unit, on the call's list, and when the event took place.
    std::string pilot;   // the unit's id
    std::string held;    // YYYY-MM-DD, on or before the day it is recorded
    int year = 0;        // annual_check: the year checked
    std::string result;  // annual_check, midterm: excellent, good, pass or fail
    std::string until;   // rectify: YYYY-MM-DD, the last day to put things right
    // How its personal members (the 负责人, the objector's name and
    // contact) were read: they are stored sealed.
    Sealing sealing = Sealing::none;
};

// The acts of the pilot registry, about a pilot rather than a version, in the order of a pilot's life.
inline constexpr ActKind kRegistryActs[] = {ActKind::annual_check, ActKind::midterm, ActKind::acceptance, ActKind::rectify, ActKind::terminate};
bool registry_act(ActKind kind);

// Every member in clear, as a program holds it; what is stored is stored_text().
nlohmann::json to_json(const Act& act);
// The act as its file holds it: its personal members sealed under its call's key.
std::string stored_text(const Act& act, DataKeys& keys);
// Strict, like every record: a missing, unknown or mistyped key is a
// SourceError at its line and column. Format 1 (before sealing) is read as
// it is. `keys` may be null: a reader that must not see personal data.
Act read_act(const JsonFile& file, const DataKeys* keys);

// One act as stored; a SourceError when it cannot be read or its number is not its file's.
Act load_act(const DataLayout& layout, const std::string& call, int number, const DataKeys* keys);
// The acts of a call in their order. One that cannot be read, or whose
// number is not its file's, is reported and left out.
std::vector<Act> load_acts(const DataLayout& layout, const std::string& call, const DataKeys* keys, Diagnostics& diags);

}  // namespace common
