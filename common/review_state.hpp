#pragma once
// Where each application stands in the review chain, folded from the stored
// versions and the acts of its call, and which acts the chain allows next.
// Both programs use it: the collector to refuse what the chain does not
// allow and to show each person their pages, the generator to count
// applications by stage on the public 受理情况 page.
//
//   已收到 -> 县级意见 (推荐 / 不推荐) -> 已报送市局 -> 受理 | 退回修改 | 不予受理
//   受理 -> (expert review) -> 拟立项 | 未立项 (the city's one decision, then the 公示)
//
// A task-book call (Call::task_books) has a chain of its own, and holds the
// pilot registry of its list (pilot_registry.hpp):
//
//   已收到 (丙方) -> 乙方已确认 (the county) -> 已签订 (甲方, the city) | 退回修改
//
// A 市直学校 (a county that applies_to_city) skips the county stage, in both chains. 退回修改,
// by the county before it forwards or by the city after, waits for the
// school's next version, which starts at 已收到 again.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/expert_stage.hpp"
#include "common/pilot_registry.hpp"
#include "common/review_act.hpp"
#include "common/site_data.hpp"

namespace common {

enum class Stage {
    received, recommended, not_recommended, forwarded, accepted, revise, refused, proposed, not_proposed,
    confirmed, signed_off,  // a task book: confirmed by the county (乙方), signed by the city (甲方)
};

const char* stage_name(Stage stage);   // "received", ...: for the API and CSS
const char* stage_label(Stage stage);  // 已收到, 县级意见：推荐, ...
// The stages of a call's chain, in their order: a task-book call's, or an application call's.
const std::vector<Stage>& chain_stages(const Call& call);

// An objection to a proposal during the 公示, and how it was settled.
struct Objection {
    const Act* raised = nullptr;
    const Act* settled = nullptr;
};

struct VersionState {
    VersionKey key;
    std::string county;  // of the unit
    bool latest = false;
    // The call requires a 盖章扫描件 and this version has none: 待上传盖章扫描件.
    bool awaiting_scan = false;
    Stage stage = Stage::received;
    const Act* opinion = nullptr;   // the county's last opinion on this version
    const Act* decision = nullptr;  // the last revise (county's or city's), refuse or accept
    std::vector<const Act*> history;  // every act of the chain concerning this version, in order
    // The expert stage, apart from the history: a school or county never reads it.
    std::vector<ExpertPart> experts;  // in the order assigned
    std::vector<const Act*> visits;   // 现场考察 notes
    const ExpertPart* part_of(const std::string& login) const;
};

class CallReview {
public:
    // `versions`: every stored version of the call's forms. Only the forms a
    // school submits go through the chain. `stamped`: of those, the versions
    // holding a 盖章扫描件, when the call requires one; without it (a reader
    // that does not look) no version counts as awaiting its scan.
    CallReview(const SiteData& site, const Call& call, const std::vector<VersionKey>& versions, std::vector<Act> acts,
               const std::vector<VersionKey>* stamped = nullptr);
    CallReview(const CallReview&) = delete;
    CallReview& operator=(const CallReview&) = delete;

    const Call& call() const { return call_; }
    const std::vector<Act>& acts() const { return acts_; }
    const VersionState* state(const VersionKey& key) const;
    // The newest version of each unit and form, by form then unit.
    std::vector<const VersionState*> latest() const;
    std::vector<const VersionState*> latest_of_county(const std::string& county) const;
    // The versions a county counts against its quota: recommended, and not refused.
    int recommended(const std::string& county) const;
    // The version the act `number` accepted, as an expert's pages name it.
    const VersionState* accepted_by(int number) const;
    // The versions assigned to the expert `login` and not ended by a conflict, in the order accepted.
    std::vector<const VersionState*> assigned_to(const std::string& login) const;
    int quota(const std::string& county) const;  // -1: the call sets none
    // Whether a school may send a new version now: not while its county has
    // forwarded it or the city has decided, unless the city returned it.
    std::optional<ChainRefusal> check_new_version(const std::string& form, const std::string& unit) const;
    // Whether `act` may be taken now by its actor, at act.at; number and
    // the forward's summary are not looked at.
    std::optional<ChainRefusal> check(const Act& act) const;
    int next_number() const { return acts_.empty() ? 1 : acts_.back().number + 1; }
    // The city's decision on 立项 and its 公示, once taken.
    const Act* decision() const { return decision_; }
    const std::vector<Objection>& objections() const { return objections_; }
    // The proposals still standing: the decision's, but for those an upheld objection struck.
    std::vector<Proposal> listed() const;
    // A task-book call's pilots, in its list's order: none for any other call.
    const std::vector<Pilot>& pilots() const { return pilots_; }
    const Pilot* pilot(const std::string& unit) const;

private:
    std::optional<ChainRefusal> check_opinion(const Act& act, const VersionState& v) const;
    std::optional<ChainRefusal> check_forward(const Act& act) const;
    std::optional<ChainRefusal> check_decision(const Act& act, const VersionState& v) const;
    std::optional<ChainRefusal> check_county_return(const Act& act, const VersionState& v) const;
    std::optional<ChainRefusal> check_expert_stage(const Act& act, const VersionState& v) const;
    std::optional<ChainRefusal> check_score(const Act& act, const ExpertPart* part) const;
    std::optional<ChainRefusal> check_decide(const Act& act) const;
    std::optional<ChainRefusal> check_objection(const Act& act) const;
    std::optional<ChainRefusal> check_settle(const Act& act) const;
    std::optional<ChainRefusal> check_task_book(const Act& act, const VersionState& v) const;
    ChainRefusal scan_missing(const VersionState& v) const;
    void apply(const Act& act);
    void apply_expert(const Act& act, VersionState& v);

    const SiteData& site_;
    const Call& call_;
    std::vector<Act> acts_;
    const Act* decision_ = nullptr;
    std::vector<Objection> objections_;
    std::vector<Pilot> pilots_;
    std::map<std::string, std::map<std::string, std::map<int, VersionState>>> versions_;  // form -> unit -> version
};

}  // namespace common
