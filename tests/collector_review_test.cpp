// The review pages' forms taken as acts by the collector's chain, on a real
// data directory: what is written, what is refused, what the county's
// forwarding produces.
#include <catch2/catch.hpp>

#include "collector/record_commits.hpp"
#include "collector/review_acts.hpp"
#include "collector/store_from_files.hpp"
#include "support/git_history.hpp"
#include "support/tiny_site.hpp"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

struct Desk {
    testing::TempDir dir;
    testing::TempDir keys;
    collector::SiteRules rules;
    std::unique_ptr<collector::SubmissionStore> store;
    std::unique_ptr<collector::GitCommitter> git;
    std::unique_ptr<collector::AuditLog> audit;
    collector::Clock clock = collector::Clock::starting_at("2019-09-25T10:00:00+08:00");
    std::unique_ptr<collector::ReviewChain> chain;

    Desk() {
        common::Diagnostics diags;
        rules = collector::load_site_rules(REPO_ROOT, diags);
        REQUIRE(diags.empty());
        for (const char* id : {"pj-a", "pj-b", "pj-c"}) rules.units.schools.push_back({id, std::string("平江县") + id + "学校", "pingjiang"});
        store = std::make_unique<collector::SubmissionStore>(dir.path(), keys.path());
        git = std::make_unique<collector::GitCommitter>(dir.path(), collector::GitOptions{}, collector::found_records(rules, store->layout()));
        audit = std::make_unique<collector::AuditLog>(store->layout().audit_log(), store->keys());
        chain = std::make_unique<collector::ReviewChain>(rules, *store, *git, *audit, clock);
        for (const char* id : {"pj-a", "pj-b", "pj-c"})
            collector::store_from_files(*store, {"r", "application-2019", "pilot-2019", id, 0, "2019-09-20T09:00:00+08:00", rules.privacy.version,
                                                 {{"project_name", std::string("项目") + id}}, {}, {}, common::Sealing::none}, {});
    }
    const common::Call& call() const { return *rules.call_taking("application-2019"); }
};

const collector::Viewer kCounty{{"county", "pingjiang", "平江县教育局"}, "/"};
const collector::Viewer kCity{{"city", "li", "李明"}, "/"};

using Fields = std::map<std::string, std::string>;

collector::FormFields form(const Fields& fields) {
    collector::FormFields f;
    for (const auto& kv : fields) f.pairs.push_back(kv);
    return f;
}

Fields opinion(const std::string& recommend) {
    return {{"act", "opinion"}, {"recommend", recommend}, {"text", " 同意 "}, {"leader", "王五　"}};
}

// The first version of a school's application: the page every act here is posted to.
common::VersionKey first(const std::string& unit) { return {"application-2019", unit, 1}; }

}  // namespace

TEST_CASE("a county's opinions and forwarding are stored as acts and its 申报汇总表 is made from its recommendations") {
    Desk d;
    CHECK(!collector::take_version_act(*d.chain, d.rules, kCounty, d.call(), first("pj-a"), form(opinion("yes"))).refusal);
    CHECK(!collector::take_version_act(*d.chain, d.rules, kCounty, d.call(), first("pj-b"), form(opinion("yes"))).refusal);
    const auto over = collector::take_version_act(*d.chain, d.rules, kCounty, d.call(), first("pj-c"), form(opinion("yes")));
    REQUIRE(over.refusal);
    CHECK(over.refusal->code == "beyond_quota");
    CHECK_THAT(over.refusal->message, Contains("名额为2个"));
    CHECK(d.store->layout().act_numbers("pilot-2019").size() == 2);  // the refused one wrote nothing
    const auto missing = collector::take_version_act(*d.chain, d.rules, kCounty, d.call(), first("pj-c"), form({{"act", "opinion"}}));
    REQUIRE(missing.refusal);
    CHECK(missing.refusal->field == "recommend");
    CHECK(!collector::take_version_act(*d.chain, d.rules, kCounty, d.call(), first("pj-c"), form(opinion("no"))).refusal);

    common::Diagnostics diags;
    const auto acts = common::load_acts(d.store->layout(), "pilot-2019", d.store->reader_keys(), diags);
    REQUIRE(acts.size() == 3);
    CHECK(acts[0].text == "同意");  // trimmed, full-width space too
    CHECK(acts[0].leader == "王五");
    CHECK(acts[0].at.substr(0, 10) == "2019-09-25");  // the collector's clock, not the sender's

    // A stale page (pj-b missing from the selection) forwards nothing.
    Fields forward{{"county_leader", "赵六"}, {"county_leader_mobile", "13912345678"}, {"selection.0", "application-2019/pj-a/v0001"},
                                  {"category.0", "智慧校园"}};
    const auto stale = collector::forward_summary(*d.chain, *d.store, d.rules, kCounty, d.call(), form(forward));
    REQUIRE(stale.refusal);
    CHECK(stale.refusal->code == "stale_page");
    forward["county_leader_mobile"] = "1391234";
    forward["selection.1"] = "application-2019/pj-b/v0001";
    const auto bad_mobile = collector::forward_summary(*d.chain, *d.store, d.rules, kCounty, d.call(), form(forward));
    REQUIRE(bad_mobile.refusal);
    CHECK(bad_mobile.refusal->field == "county_leader_mobile");
    forward["county_leader_mobile"] = "13912345678";
    const auto done = collector::forward_summary(*d.chain, *d.store, d.rules, kCounty, d.call(), form(forward));
    REQUIRE(!done.refusal);
    CHECK(done.next == "account/calls/pilot-2019/");

    const auto summary = common::load_stored_version(d.store->layout(), {"summary-2019", "pingjiang", 1}, d.store->reader_keys());
    CHECK(summary.fields.at("county_bureau") == "平江县");
    CHECK(summary.fields.at("schools.0.unit") == "平江县pj-a学校");
    CHECK(summary.fields.at("schools.0.project") == "项目pj-a");
    CHECK(summary.fields.at("schools.0.category") == "智慧校园");
    CHECK(summary.fields.at("schools.1.project") == "项目pj-b");
    const auto all = common::load_acts(d.store->layout(), "pilot-2019", d.store->reader_keys(), diags);
    REQUIRE(all.size() == 4);
    CHECK(all[3].kind == common::ActKind::forward);
    CHECK(all[3].summary.shown() == "summary-2019/pingjiang/v0001");

    // The city returns one with its reason; the school may then send a new version, the other stays closed.
    const auto returned = collector::take_version_act(*d.chain, d.rules, kCity, d.call(),
                                                      first("pj-a"), form({{"act", "revise"}, {"text", "请补充经费预算"}}));
    CHECK(!returned.refusal);
    const auto review = d.chain->review(d.call());
    CHECK(!review->check_new_version("application-2019", "pj-a"));
    CHECK(review->check_new_version("application-2019", "pj-b"));
    // A county cannot decide, and nobody acts on a school outside their reach.
    const auto as_county = collector::take_version_act(*d.chain, d.rules, kCounty, d.call(),
                                                       first("pj-b"), form({{"act", "accept"}}));
    REQUIRE(as_county.refusal);
    CHECK(as_county.refusal->code == "wrong_role");
    const collector::Viewer huarong{{"county", "huarong", "华容县教育局"}, "/"};
    const auto elsewhere = collector::take_version_act(*d.chain, d.rules, huarong, d.call(), first("pj-c"), form(opinion("yes")));
    REQUIRE(elsewhere.refusal);
    CHECK(elsewhere.refusal->code == "not_your_school");

    // One commit per act taken, authored by its actor, naming the version; the refused ones left none.
    d.git->flush();
    std::vector<testing::LoggedCommit> acts_committed;
    for (const auto& c : testing::record_commits(d.dir.path()))
        if (c.record == "act") acts_committed.push_back(c);
    REQUIRE(acts_committed.size() == 5);
    CHECK(acts_committed[0].author == "平江县教育局 <pingjiang@units.invalid>");
    CHECK(acts_committed[0].subject == "县级意见 application-2019/pj-a/v0001：推荐");
    CHECK(acts_committed[0].version == "application-2019/pj-a/v0001");
    CHECK(acts_committed[0].paths == std::vector<std::string>{"acts/pilot-2019/000001.json"});
    CHECK(acts_committed[3].subject == "报送市局 平江县：application-2019/pj-a/v0001，application-2019/pj-b/v0001");
    CHECK(acts_committed[3].version == "summary-2019/pingjiang/v0001");
    CHECK(acts_committed[3].paths.size() == 2);  // the act and its 申报汇总表
    CHECK(acts_committed[4].author == "李明 <li@staff.invalid>");
    CHECK(acts_committed[4].subject == "退回修改 application-2019/pj-a/v0001");
}
