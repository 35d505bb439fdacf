// Task books signed by three parties, the pilot registry folded from its
// acts, and eligibility judged from the registry as of a call's opening day:
// every refusal the chain makes there.
#include <catch2/catch.hpp>

#include "common/data_loader.hpp"
#include "common/eligibility.hpp"
#include "common/task_book.hpp"

using common::Act;
using common::ActKind;
using common::Stage;
using common::VersionKey;

namespace {

const char* const kForm = "task-book-2020";
const char* const kCall = "task-books-2020";
// Three pilots of the bundled 2020 list (立项 2021-01-05): two of counties, one 市直学校.
const char* const kMiluo = "miluo-zhengze";
const char* const kHuarong = "huarong-jiaoshi-jinxiu";
const char* const kCityPilot = "yueyang-shibazhong";

const common::Actor kMiluoCounty{"county", "miluo", "汨罗市教育局"};
const common::Actor kHuarongCounty{"county", "huarong", "华容县教育局"};
const common::Actor kCity{"city", "li", "李明"};

common::SiteData bundled() {
    common::Diagnostics diags;
    common::SiteData d = common::load_site_data(REPO_ROOT, diags);
    REQUIRE(diags.empty());
    return d;
}

Act on_task_book(ActKind kind, const std::string& unit, const common::Actor& actor, std::string text = "") {
    Act a;
    a.kind = kind;
    a.call = kCall;
    a.actor = actor;
    a.target = {kForm, unit, 1};
    a.text = std::move(text);
    return a;
}

Act event(ActKind kind, const std::string& unit, const std::string& held, const common::Actor& actor = kCity) {
    Act a;
    a.kind = kind;
    a.call = kCall;
    a.actor = actor;
    a.pilot = unit;
    a.held = held;
    a.text = "情况说明";
    return a;
}

Act annual(const std::string& unit, int year, const std::string& held, const common::Actor& actor, std::string result = "pass") {
    Act a = event(ActKind::annual_check, unit, held, actor);
    a.year = year;
    a.result = std::move(result);
    return a;
}

struct Chain {
    const common::SiteData& site;
    const common::Call& call;
    std::vector<VersionKey> versions;
    std::vector<Act> acts;
    std::string today = "2023-12-31";

    std::unique_ptr<common::CallReview> review() const { return std::make_unique<common::CallReview>(site, call, versions, acts); }
    std::string take(Act a) {
        a.at = today + "T10:00:00+08:00";
        if (auto no = review()->check(a)) return no->code;
        a.number = review()->next_number();
        acts.push_back(std::move(a));
        return "";
    }
    Stage stage(const std::string& unit) const { return review()->state({kForm, unit, 1})->stage; }
    std::string pilot_stage(const std::string& unit) const { return review()->pilot(unit)->stage(); }
};

// A call opening on `opens` that bars units with an unfinished pilot.
common::Call later_call(const std::string& opens) {
    common::Call c;
    c.key = "pilot-later";
    c.title = "后来的试点项目申报";
    c.exclude_unfinished_pilots = true;
    c.opens = opens;
    return c;
}

}  // namespace

TEST_CASE("a task book is submitted by the school then confirmed by its own county then signed by the city and a 市直学校 skips the county") {
    const common::SiteData site = bundled();
    const common::Call& call = *site.call(kCall);
    Chain chain{site, call, {{kForm, kMiluo, 1}, {kForm, kHuarong, 1}, {kForm, kCityPilot, 1}}, {}};
    CHECK(chain.stage(kMiluo) == Stage::received);

    // The wrong county, the city before the county, a county on a 市直学校, an application's acts.
    CHECK(chain.take(on_task_book(ActKind::confirm, kMiluo, kHuarongCounty)) == "not_your_school");
    CHECK(chain.take(on_task_book(ActKind::sign, kMiluo, kCity)) == "not_confirmed");
    CHECK(chain.take(on_task_book(ActKind::sign, kMiluo, kMiluoCounty)) == "wrong_role");
    CHECK(chain.take(on_task_book(ActKind::confirm, kCityPilot, {"county", "city", "市本级"})) == "no_county_stage");
    CHECK(chain.take(on_task_book(ActKind::accept, kMiluo, kCity)) == "not_in_this_call");
    CHECK(chain.take(on_task_book(ActKind::revise, kHuarong, kHuarongCounty)) == "required");  // a return needs its reason

    CHECK(chain.take(on_task_book(ActKind::confirm, kMiluo, kMiluoCounty)) == "");
    CHECK(chain.stage(kMiluo) == Stage::confirmed);
    REQUIRE(chain.review()->check_new_version(kForm, kMiluo));
    CHECK(chain.review()->check_new_version(kForm, kMiluo)->code == "stage_closed");
    CHECK(chain.take(on_task_book(ActKind::confirm, kMiluo, kMiluoCounty)) == "stage_closed");
    CHECK(chain.take(on_task_book(ActKind::sign, kMiluo, kCity)) == "");
    CHECK(chain.stage(kMiluo) == Stage::signed_off);
    CHECK(chain.take(on_task_book(ActKind::revise, kMiluo, kCity, "预算不符")) == "stage_closed");

    // A 市直学校's goes to the city at once; the city may return one with a reason.
    CHECK(chain.take(on_task_book(ActKind::sign, kCityPilot, kCity)) == "");
    CHECK(chain.take(on_task_book(ActKind::revise, kHuarong, kHuarongCounty, "经费预算各年合计与总额不符")) == "");
    CHECK(chain.stage(kHuarong) == Stage::revise);
    CHECK_FALSE(chain.review()->check_new_version(kForm, kHuarong));

    // Who signed, and when, as the page and the printed copy show it.
    const auto review = chain.review();
    const auto signatures = common::task_book_signatures(site, *review->state({kForm, kMiluo, 1}), "2021-01-10T09:00:00+08:00");
    REQUIRE(signatures.size() == 3);
    CHECK(signatures[0].signer == "汨罗市正则学校");
    CHECK(signatures[1].signer == "汨罗市教育行政部门");
    CHECK(signatures[2].signer == "岳阳市教育体育局");
    CHECK(signatures[2].at == "2023-12-31T10:00:00+08:00");
    common::FormValues values;
    common::add_signatures(values, signatures);
    CHECK(values[common::signature_key("county")] == "汨罗市教育行政部门已于2023-12-31 10:00在线确认");
    const auto direct = common::task_book_signatures(site, *review->state({kForm, kCityPilot, 1}), "2021-01-10T09:00:00+08:00");
    CHECK(direct[1].skipped);
}

TEST_CASE("the registry takes a pilot's events in order by the right people and refuses every other") {
    const common::SiteData site = bundled();
    const common::Call& call = *site.call(kCall);
    Chain chain{site, call, {{kForm, kMiluo, 1}, {kForm, kHuarong, 1}}, {}};
    CHECK(chain.pilot_stage(kMiluo) == "已立项（2021-01-05）");

    // 验收 before 立项, and anything but 终止 before the task book is signed.
    CHECK(chain.take(event(ActKind::acceptance, kMiluo, "2020-12-01")) == "out_of_order");
    CHECK(chain.take(event(ActKind::acceptance, kMiluo, "2022-12-01")) == "out_of_order");
    CHECK(chain.take(event(ActKind::acceptance, "pj-nobody", "2022-12-01")) == "not_a_pilot");
    CHECK(chain.take(on_task_book(ActKind::confirm, kMiluo, kMiluoCounty)) == "");
    CHECK(chain.take(on_task_book(ActKind::sign, kMiluo, kCity)) == "");
    CHECK(chain.pilot_stage(kMiluo) == "计划任务书已签订");
    CHECK(chain.take(event(ActKind::acceptance, kMiluo, "2020-12-01")) == "out_of_order");

    // 年度检查: its own county or the city; another county, nobody else; each year once.
    CHECK(chain.take(annual(kMiluo, 2021, "2021-12-20", kHuarongCounty)) == "not_your_pilot");
    CHECK(chain.take(annual(kMiluo, 2021, "2021-12-20", kMiluoCounty, "")) == "required");
    CHECK(chain.take(annual(kMiluo, 2019, "2021-12-20", kMiluoCounty)) == "bad_year");
    CHECK(chain.take(annual(kMiluo, 2021, "2024-12-20", kMiluoCounty)) == "bad_date");  // after today
    CHECK(chain.take(annual(kMiluo, 2021, "2021-12-20", kMiluoCounty)) == "");
    CHECK(chain.take(annual(kMiluo, 2021, "2021-12-28", kCity)) == "already_recorded");
    CHECK(chain.pilot_stage(kMiluo) == "2021年度检查：合格");
    Act midterm = event(ActKind::midterm, kMiluo, "2022-06-30", kMiluoCounty);
    midterm.result = "good";
    CHECK(chain.take(midterm) == "wrong_role");
    midterm.actor = kCity;
    midterm.held = "2021-11-30";  // before the last event
    CHECK(chain.take(midterm) == "out_of_order");
    midterm.held = "2022-06-30";
    CHECK(chain.take(midterm) == "");
    CHECK(chain.take(midterm) == "already_recorded");

    // 验收 not passed: 限期整改 to a later day, then 验收; then nothing more.
    Act rectify = event(ActKind::rectify, kMiluo, "2022-12-10");
    rectify.until = "2022-12-01";
    CHECK(chain.take(rectify) == "bad_date");
    rectify.until = "2023-06-30";
    CHECK(chain.take(rectify) == "");
    CHECK(chain.pilot_stage(kMiluo) == "验收未通过，限期整改（至2023-06-30）");
    CHECK(chain.take(annual(kMiluo, 2022, "2022-12-20", kMiluoCounty)) == "out_of_order");
    CHECK(chain.take(event(ActKind::acceptance, kMiluo, "2023-06-20")) == "");
    CHECK(chain.pilot_stage(kMiluo) == "已通过验收（2023-06-20）");
    CHECK(chain.take(event(ActKind::terminate, kMiluo, "2023-07-01")) == "stage_closed");

    // 终止 needs its reason, and may come before a task book.
    Act end = event(ActKind::terminate, kHuarong, "2022-03-01");
    end.text.clear();
    CHECK(chain.take(end) == "required");
    end.text = "学校撤并，试点无法继续";
    CHECK(chain.take(end) == "");
    CHECK(chain.pilot_stage(kHuarong) == "已终止（2022-03-01）");
}

TEST_CASE("a unit is barred from a later call while its pilot is not accepted as of the call's opening day") {
    const common::SiteData site = bundled();
    const common::Call& task_books = *site.call(kCall);
    Chain chain{site, task_books, {{kForm, kMiluo, 1}}, {}};
    REQUIRE(chain.take(on_task_book(ActKind::confirm, kMiluo, kMiluoCounty)) == "");
    REQUIRE(chain.take(on_task_book(ActKind::sign, kMiluo, kCity)) == "");
    REQUIRE(chain.take(event(ActKind::acceptance, kMiluo, "2023-06-20")) == "");
    const auto review = chain.review();
    const std::vector<const common::CallReview*> registry = {review.get()};

    // The bundled 2019 call opened before the 2020 list: none of its pilots is barred.
    CHECK_FALSE(common::unfinished_pilot(site, *site.call("pilot-2019"), kHuarong, registry));
    // Later: accepted by then, admitted; not yet, or never, barred.
    CHECK_FALSE(common::unfinished_pilot(site, later_call("2023-09-01"), kMiluo, registry));
    const auto early = common::unfinished_pilot(site, later_call("2023-03-01"), kMiluo, registry);
    REQUIRE(early);
    CHECK(early->code == "ineligible");
    CHECK(early->message == "本单位承担的2020年度岳阳市教育信息化试点项目单位名单中的“智慧教育实践与探究”尚未完成验收，按通知要求不纳入本次申报范围");
    CHECK(common::unfinished_pilot(site, later_call("2023-09-01"), kHuarong, registry));
    // A list without its task-book call's chain at hand has pilots with no event, never accepted.
    CHECK(common::unfinished_pilot(site, later_call("2023-09-01"), kMiluo, {}));
    CHECK_FALSE(common::unfinished_pilot(site, later_call("2023-09-01"), "pingjiang-nobody", registry));
}
