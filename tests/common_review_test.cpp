// The review chain as data: acts read and written strictly, and the stage of
// every version folded from them, with every refusal the chain makes.
#include <catch2/catch.hpp>

#include "common/data_loader.hpp"
#include "common/filled_form.hpp"
#include "common/review_state.hpp"
#include "support/tiny_site.hpp"

namespace fs = std::filesystem;
using common::Act;
using common::ActKind;
using common::Stage;
using common::VersionKey;

namespace {

const char* const kForm = "application-2019";

// The bundled data, with three schools of 平江县 (quota 2), one of 华容县 and
// one 市直学校.
common::SiteData bundled() {
    common::Diagnostics diags;
    common::SiteData d = common::load_site_data(REPO_ROOT, diags);
    REQUIRE(diags.empty());
    for (const char* id : {"pj-a", "pj-b", "pj-c"}) d.units.schools.push_back({id, std::string("平江县") + id, "pingjiang"});
    d.units.schools.push_back({"hr-a", "华容县甲校", "huarong"});
    d.units.schools.push_back({"city-a", "岳阳市甲校", "city"});
    return d;
}

const common::Actor kPingjiang{"county", "pingjiang", "平江县教育局"};
const common::Actor kHuarong{"county", "huarong", "华容县教育局"};
const common::Actor kCity{"city", "li", "李明"};

Act opinion(const std::string& unit, bool recommend, int version = 1, common::Actor actor = kPingjiang) {
    Act a;
    a.kind = ActKind::opinion;
    a.call = "pilot-2019";
    a.actor = actor;
    a.target = {kForm, unit, version};
    a.recommend = recommend;
    a.text = recommend ? "同意推荐" : "不予推荐";
    a.leader = "王五";
    return a;
}

Act forward(const std::string& county, std::vector<VersionKey> selection, common::Actor actor = kPingjiang) {
    Act a;
    a.kind = ActKind::forward;
    a.call = "pilot-2019";
    a.actor = actor;
    a.county = county;
    a.summary = {"summary-2019", county, 1};
    a.selection = std::move(selection);
    return a;
}

Act decision(ActKind kind, const std::string& unit, int version = 1, std::string reason = "材料不全") {
    Act a;
    a.kind = kind;
    a.call = "pilot-2019";
    a.actor = kCity;
    a.target = {kForm, unit, version};
    if (kind != ActKind::accept) a.text = std::move(reason);
    return a;
}

// Acts taken one after the other, each checked first, as the collector does.
struct Chain {
    const common::SiteData& site;
    const common::Call& call;
    std::vector<VersionKey> versions;
    std::vector<Act> acts;

    std::unique_ptr<common::CallReview> review() const { return std::make_unique<common::CallReview>(site, call, versions, acts); }
    // The refusal's code, or "" when the act was taken.
    std::string take(Act a) {
        if (auto no = review()->check(a)) return no->code;
        a.number = review()->next_number();
        acts.push_back(std::move(a));
        return "";
    }
    Stage stage(const std::string& unit, int version = 1) const { return review()->state({kForm, unit, version})->stage; }
};

}  // namespace

TEST_CASE("a county recommends within its quota and forwards and the city decides: each stage closes behind it") {
    const common::SiteData site = bundled();
    const common::Call& call = *site.call_taking(kForm);
    Chain chain{site, call, {{kForm, "pj-a", 1}, {kForm, "pj-b", 1}, {kForm, "pj-c", 1}, {kForm, "hr-a", 1}, {kForm, "city-a", 1}}, {}};
    CHECK(chain.stage("pj-a") == Stage::received);

    CHECK(chain.take(opinion("pj-a", true)) == "");
    CHECK(chain.take(opinion("pj-b", true)) == "");
    CHECK(chain.take(opinion("pj-c", true)) == "beyond_quota");  // 平江县's quota is 2
    CHECK(chain.take(forward("pingjiang", {})) == "opinion_missing");  // pj-c has none yet
    CHECK(chain.take(opinion("pj-c", false)) == "");
    CHECK(chain.review()->recommended("pingjiang") == 2);
    // Changing one's mind before forwarding: pj-b down, then pj-c up.
    CHECK(chain.take(opinion("pj-b", false)) == "");
    CHECK(chain.take(opinion("pj-c", true)) == "");
    CHECK(chain.stage("pj-b") == Stage::not_recommended);

    // Nobody acts on another county's school, nor as a county on a 市直学校, nor the city before forwarding.
    CHECK(chain.take(opinion("hr-a", true, 1, kPingjiang)) == "not_your_school");
    CHECK(chain.take(opinion("city-a", true, 1, {"county", "city", "市本级"})) == "no_county_stage");
    CHECK(chain.take(decision(ActKind::accept, "pj-a")) == "not_forwarded");
    CHECK(chain.take(opinion("pj-a", true, 2)) == "no_such_version");

    CHECK(chain.take(forward("pingjiang", {{kForm, "pj-a", 1}, {kForm, "pj-c", 1}})) == "");
    CHECK(chain.stage("pj-a") == Stage::forwarded);
    CHECK(chain.stage("pj-b") == Stage::not_recommended);
    CHECK(chain.take(opinion("pj-a", false)) == "stage_closed");
    REQUIRE(chain.review()->check_new_version(kForm, "pj-a"));
    CHECK(chain.review()->check_new_version(kForm, "pj-a")->code == "stage_closed");
    CHECK(!chain.review()->check_new_version(kForm, "pj-b"));

    // The city: a reason for a return, none needed to accept; a 市直学校 directly.
    CHECK(chain.take(decision(ActKind::revise, "pj-a", 1, "")) == "required");
    CHECK(chain.take(decision(ActKind::revise, "pj-a")) == "");
    CHECK(chain.take(decision(ActKind::accept, "pj-c")) == "");
    CHECK(chain.take(decision(ActKind::accept, "pj-c")) == "stage_closed");
    CHECK(chain.take(decision(ActKind::refuse, "city-a")) == "");
    CHECK(chain.stage("city-a") == Stage::refused);
    Act as_county = decision(ActKind::accept, "hr-a");
    as_county.actor = kHuarong;
    CHECK(chain.take(as_county) == "wrong_role");

    // Returned, the school revises: its new version starts again, the old one is no longer the latest.
    REQUIRE(!chain.review()->check_new_version(kForm, "pj-a"));
    chain.versions.push_back({kForm, "pj-a", 2});
    CHECK(chain.stage("pj-a", 2) == Stage::received);
    CHECK(chain.take(decision(ActKind::accept, "pj-a", 1)) == "not_latest");
    CHECK(chain.take(opinion("pj-a", true, 2)) == "");  // its slot was kept for it
    CHECK(chain.take(forward("pingjiang", {{kForm, "pj-a", 2}})) == "");
    CHECK(chain.stage("pj-a", 2) == Stage::forwarded);
    // 退回修改 at the county's level too: before forwarding, its own school only, with a reason.
    chain.versions.push_back({kForm, "pj-b", 2});
    Act county_return = decision(ActKind::revise, "pj-b", 2, "请补充方案");
    county_return.actor = kPingjiang;
    CHECK(chain.take(opinion("pj-b", false, 2)) == "");
    Act foreign_return = county_return;
    foreign_return.actor = kHuarong;
    CHECK(chain.take(foreign_return) == "not_your_school");
    county_return.text.clear();
    CHECK(chain.take(county_return) == "required");
    county_return.text = "请补充方案";
    CHECK(chain.take(county_return) == "");
    CHECK(chain.stage("pj-b", 2) == Stage::revise);
    CHECK(!chain.review()->check_new_version(kForm, "pj-b"));
    Act late_return = decision(ActKind::revise, "pj-a", 2, "晚了");
    late_return.actor = kPingjiang;
    CHECK(chain.take(late_return) == "stage_closed");  // pj-a v2 is forwarded
    // The history of a version is every act on it, in order.
    const auto review = chain.review();
    const auto& history = review->state({kForm, "pj-a", 1})->history;
    REQUIRE(history.size() == 3);
    CHECK(history[0]->kind == ActKind::opinion);
    CHECK(history[1]->kind == ActKind::forward);
    CHECK(history[2]->kind == ActKind::revise);
}

namespace {

const common::Expert kZhang{"zhang", "张专家", "", "yueyanglou"};
const common::Expert kWang{"wang", "王专家", "", "huarong"};
const common::Expert kSameCounty{"liu", "刘专家", "", "pingjiang"};
const common::Expert kOwnUnit{"chen", "陈专家", "hr-a", "huarong"};

Act expert_act(ActKind kind, const std::string& unit, const common::Expert& who) {
    Act a;
    a.kind = kind;
    a.call = "pilot-2019";
    a.target = {kForm, unit, 1};
    if (kind == ActKind::assign || kind == ActKind::visit) {
        a.actor = kCity;
        a.expert = who;
    } else {
        a.actor = {"expert", who.login, who.name};
    }
    if (kind == ActKind::visit || kind == ActKind::conflict) a.text = "说明";
    return a;
}

// An act of city staff on the whole call.
Act city_act(ActKind kind) {
    Act a;
    a.kind = kind;
    a.call = "pilot-2019";
    a.actor = kCity;
    return a;
}

Act score(const std::string& unit, const common::Expert& who, std::vector<int> points, bool final) {
    Act a = expert_act(ActKind::score, unit, who);
    const char* keys[] = {"basis", "plan", "innovation", "support"};
    for (std::size_t i = 0; i < points.size(); ++i) a.scores.push_back({keys[i], points[i]});
    a.text = final ? "方案可行" : "";
    a.final = final;
    return a;
}

}  // namespace

TEST_CASE("experts score accepted applications they are assigned without a conflict of interest and the spread is flagged") {
    const common::SiteData site = bundled();
    const common::Call& call = *site.call_taking(kForm);
    REQUIRE(call.expert_review);
    CHECK(call.expert_review->max_total() == 100);
    Chain chain{site, call, {{kForm, "pj-a", 1}, {kForm, "hr-a", 1}, {kForm, "city-a", 1}}, {}};
    // Not yet accepted: no expert stage.
    CHECK(chain.take(expert_act(ActKind::assign, "city-a", kZhang)) == "not_accepted");
    REQUIRE(chain.take(decision(ActKind::accept, "city-a")) == "");
    REQUIRE(chain.take(opinion("hr-a", true, 1, kHuarong)) == "");
    REQUIRE(chain.take(forward("huarong", {{kForm, "hr-a", 1}}, kHuarong)) == "");
    REQUIRE(chain.take(decision(ActKind::accept, "hr-a")) == "");

    // Assigned by city staff only; conflicts (own unit; own county, as this call says) are refused.
    Act by_county = expert_act(ActKind::assign, "city-a", kZhang);
    by_county.actor = kHuarong;
    CHECK(chain.take(by_county) == "wrong_role");
    CHECK(chain.take(expert_act(ActKind::assign, "hr-a", kOwnUnit)) == "conflict_of_interest");
    CHECK(chain.take(expert_act(ActKind::assign, "hr-a", kWang)) == "conflict_of_interest");  // 华容县 both
    CHECK(chain.take(expert_act(ActKind::assign, "city-a", kZhang)) == "");
    CHECK(chain.take(expert_act(ActKind::assign, "city-a", kZhang)) == "already_assigned");
    CHECK(chain.take(expert_act(ActKind::assign, "city-a", kWang)) == "");
    CHECK(chain.take(expert_act(ActKind::assign, "city-a", kSameCounty)) == "");

    // Scoring: only one's own assignment, within each criterion's maximum; a draft may be partial, the final may not.
    CHECK(chain.take(score("hr-a", kZhang, {10}, false)) == "not_assigned");
    Act as_city = score("city-a", kZhang, {10}, false);
    as_city.actor = kCity;
    CHECK(chain.take(as_city) == "wrong_role");
    CHECK(chain.take(score("city-a", kZhang, {21}, false)) == "above_maximum");
    CHECK(chain.take(score("city-a", kZhang, {18}, false)) == "");
    CHECK(chain.take(score("city-a", kZhang, {18, 25}, true)) == "required");
    Act no_comment = score("city-a", kZhang, {18, 25, 25, 15}, true);
    no_comment.text.clear();
    CHECK(chain.take(no_comment) == "required");
    CHECK(chain.take(score("city-a", kZhang, {18, 25, 25, 15}, true)) == "");
    CHECK(chain.take(score("city-a", kZhang, {18, 25, 25, 16}, true)) == "already_submitted");
    CHECK(chain.take(expert_act(ActKind::conflict, "city-a", kZhang)) == "already_submitted");

    // A conflict declared ends the assignment: no score after it, no new assignment of the same expert.
    Act no_reason = expert_act(ActKind::conflict, "city-a", kSameCounty);
    no_reason.text.clear();
    CHECK(chain.take(no_reason) == "required");
    CHECK(chain.take(expert_act(ActKind::conflict, "city-a", kSameCounty)) == "");
    CHECK(chain.take(score("city-a", kSameCounty, {10, 10, 10, 10}, true)) == "conflict_of_interest");
    CHECK(chain.take(expert_act(ActKind::assign, "city-a", kSameCounty)) == "conflict_of_interest");
    CHECK(chain.review()->assigned_to("liu").empty());

    CHECK(chain.take(score("city-a", kWang, {8, 12, 10, 5}, true)) == "");  // 35 against 83
    Act visit = expert_act(ActKind::visit, "city-a", kZhang);
    visit.text.clear();
    CHECK(chain.take(visit) == "required");
    visit.text = "设备到位，师生使用熟练。";
    CHECK(chain.take(visit) == "");

    const auto review = chain.review();
    const common::VersionState& v = *review->state({kForm, "city-a", 1});
    CHECK(v.stage == Stage::accepted);
    CHECK(v.history.size() == 1);  // the chain's own acts only: the school reads no score
    REQUIRE(v.experts.size() == 3);
    CHECK(v.visits.size() == 1);
    const auto summary = common::summarise(v.experts, *call.expert_review);
    REQUIRE(summary);
    CHECK(summary->count == 2);
    CHECK(summary->mean == Approx(59.0));
    CHECK(summary->median == Approx(59.0));
    CHECK(summary->spread == 48);
    CHECK(summary->flagged);  // the call flags a spread over 20
    CHECK(review->accepted_by(v.decision->number) == &v);
    CHECK(review->assigned_to("zhang").size() == 1);

    // The decision on 立项: one batch, once every expert of every accepted version has scored or stood aside.
    Act decide = city_act(ActKind::decide);
    decide.proposed = {{{kForm, "city-a", 1}, "岳阳市甲校", "智慧课堂"}};
    decide.starts = "2019-10-08";
    decide.ends = "2019-10-14";
    decide.text = "书面提出，单位加盖公章，个人署真实姓名。";
    CHECK(chain.take(decide) == "review_open");  // hr-a has no expert yet
    REQUIRE(chain.take(expert_act(ActKind::assign, "hr-a", kZhang)) == "");
    CHECK(chain.take(decide) == "review_open");  // assigned, not yet scored
    REQUIRE(chain.take(score("hr-a", kZhang, {10, 10, 10, 10}, true)) == "");
    Act as_expert = decide;
    as_expert.actor = {"expert", "zhang", "张专家"};
    CHECK(chain.take(as_expert) == "wrong_role");
    Act reversed = decide;
    reversed.ends = "2019-10-01";
    CHECK(chain.take(reversed) == "bad_period");
    Act no_date = decide;
    no_date.starts = "10月8日";
    CHECK(chain.take(no_date) == "bad_date");
    Act unaccepted = decide;
    unaccepted.proposed.push_back({{kForm, "pj-a", 1}, "平江县pj-a", "项目"});
    CHECK(chain.take(unaccepted) == "not_accepted");
    Act silent = decide;
    silent.text.clear();
    CHECK(chain.take(silent) == "required");
    CHECK(chain.take(decide) == "");
    CHECK(chain.take(decide) == "stage_closed");
    CHECK(chain.stage("city-a") == Stage::proposed);
    CHECK(chain.stage("hr-a") == Stage::not_proposed);
    CHECK(chain.take(score("city-a", kSameCounty, {1, 1, 1, 1}, true)) == "stage_closed");
    REQUIRE(chain.review()->check_new_version(kForm, "city-a"));
    CHECK(chain.review()->check_new_version(kForm, "city-a")->code == "stage_closed");
    CHECK(chain.review()->decision()->proposed.size() == 1);
    CHECK(chain.review()->assigned_to("zhang").size() == 2);  // an expert still reads what they scored

    // Objections during the 公示: in writing, a unit's sealed, a person's named, within the period, to a proposal.
    Act objection = city_act(ActKind::object);
    objection.target = {kForm, "city-a", 1};
    objection.objector = {"unit", "某学校", "岳阳市某路", false, "2019-10-10"};
    objection.text = "项目重复";
    CHECK(chain.take(objection) == "required");  // a unit's, without its seal
    objection.objector.sealed = true;
    Act late = objection;
    late.objector.received = "2019-10-15";
    CHECK(chain.take(late) == "outside_period");
    Act elsewhere = objection;
    elsewhere.target = {kForm, "hr-a", 1};
    CHECK(chain.take(elsewhere) == "not_proposed");
    Act anonymous = objection;
    anonymous.objector = {"person", "", "电话", false, "2019-10-10"};
    CHECK(chain.take(anonymous) == "required");
    CHECK(chain.take(objection) == "");
    const int raised = chain.acts.back().number;
    Act settle = city_act(ActKind::settle);
    settle.objection = raised + 7;
    settle.upheld = true;
    settle.text = "经核实，异议成立";
    CHECK(chain.take(settle) == "no_such_objection");
    settle.objection = raised;
    CHECK(chain.take(settle) == "");
    CHECK(chain.take(settle) == "already_settled");
    CHECK(chain.stage("city-a") == Stage::not_proposed);
    CHECK(chain.review()->listed().empty());
}

TEST_CASE("an act is stored in its format and read back equal: a missing or unknown or mistyped key is refused where it is") {
    Act a = opinion("pj-a", true);
    a.number = 7;
    a.at = "2019-09-25T10:00:00+08:00";
    const common::JsonFile f = common::parse_json(common::to_json(a).dump(2), "acts/pilot-2019/000007.json");
    const Act back = common::read_act(f, nullptr);
    CHECK(back.number == 7);
    CHECK(back.kind == ActKind::opinion);
    CHECK(back.target.shown() == "application-2019/pj-a/v0001");
    CHECK(back.recommend);
    CHECK(back.leader == "王五");
    CHECK(back.actor.name == "平江县教育局");

    Act scored = score("pj-a", kZhang, {18, 25}, true);
    const Act sb = common::read_act(common::parse_json(common::to_json(scored).dump(), "x.json"), nullptr);
    REQUIRE(sb.scores.size() == 2);
    CHECK(sb.scores[1].criterion == "plan");
    CHECK(sb.scores[1].points == 25);
    CHECK(sb.final);
    CHECK(sb.text == "方案可行");
    const Act ab = common::read_act(common::parse_json(common::to_json(expert_act(ActKind::assign, "pj-a", kOwnUnit)).dump(), "x.json"), nullptr);
    Act decided;
    decided.kind = ActKind::decide;
    decided.call = "pilot-2019";
    decided.actor = kCity;
    decided.proposed = {{{kForm, "pj-a", 1}, "平江县pj-a", "智慧课堂"}};
    decided.starts = "2019-10-08";
    decided.ends = "2019-10-14";
    decided.text = "书面提出";
    const Act db = common::read_act(common::parse_json(common::to_json(decided).dump(), "x.json"), nullptr);
    REQUIRE(db.proposed.size() == 1);
    CHECK(db.proposed[0].version.shown() == "application-2019/pj-a/v0001");
    CHECK(db.proposed[0].project == "智慧课堂");
    CHECK(db.ends == "2019-10-14");
    CHECK(ab.expert.unit == "hr-a");
    CHECK(ab.expert.county == "huarong");

    Act f2 = forward("pingjiang", {{kForm, "pj-a", 1}});
    const Act fb = common::read_act(common::parse_json(common::to_json(f2).dump(), "x.json"), nullptr);
    REQUIRE(fb.selection.size() == 1);
    CHECK(fb.summary.shown() == "summary-2019/pingjiang/v0001");

    auto error_of = [](const std::string& text) {
        try {
            common::read_act(common::parse_json(text, "acts/pilot-2019/000001.json"), nullptr);
        } catch (const common::SourceError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    nlohmann::json j = common::to_json(a);
    j.erase("leader");
    CHECK_THAT(error_of(j.dump(1)), Catch::Contains("leader"));
    j = common::to_json(a);
    j["mood"] = "好";
    CHECK_THAT(error_of(j.dump(1)), Catch::StartsWith("acts/pilot-2019/000001.json:") && Catch::Contains("unknown key \"mood\""));
    j = common::to_json(a);
    j["recommend"] = "yes";
    CHECK_THAT(error_of(j.dump(1)), Catch::Contains("\"recommend\" must be true or false"));
    j = common::to_json(a);
    j["format"] = 3;
    CHECK_THAT(error_of(j.dump(1)), Catch::Contains("which this program does not read"));
}

TEST_CASE("a version reads in the form's order with its labels and its changes since the previous version field by field") {
    const common::SiteData site = bundled();
    const common::Form& form = site.form(kForm)->form;
    common::StoredVersion v1;
    v1.fields = {{"contact", "赵六"}, {"unit_name", "平江县甲校"}, {"project_name", "智慧课堂"}, {"zz_unknown", "x"}};
    v1.files = {{"work_plan", "work_plan.pdf", "方案.pdf", "aa", 10}};
    const auto values = common::filled_values(form, v1);
    REQUIRE(values.size() == 4);
    CHECK(values[0].label == "申报学校名称（盖章）");  // first on the paper form, although "contact" sorts first
    CHECK(values[1].key == "project_name");
    CHECK(values[2].key == "contact");
    CHECK(values[3].label == "zz_unknown");

    common::StoredVersion v2 = v1;
    v2.fields["project_name"] = "智慧课堂与数字校园";
    v2.fields.erase("contact");
    v2.files[0].sha256 = "bb";
    v2.files[0].original_name = "方案二.pdf";
    const auto changes = common::value_changes(form, v1, v2);
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].label == "试点项目名称");
    CHECK(changes[0].after == "智慧课堂与数字校园");
    CHECK(changes[1].after == "（空）");
    CHECK(changes[2].after == "新文件 方案二.pdf");
    CHECK(common::value_changes(form, v1, v1).empty());
}
