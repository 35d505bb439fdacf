// The collector's git history of its data directory, through GitCommitter:
// what a restart finds uncommitted, and how long a batch takes.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "collector/access_codes.hpp"
#include "collector/audit_log.hpp"
#include "collector/durable.hpp"
#include "collector/git_committer.hpp"
#include "collector/record_commits.hpp"
#include "collector/store_from_files.hpp"
#include "collector/secret_hash.hpp"
#include "common/review_act.hpp"
#include "support/git_history.hpp"
#include "support/pdf_maker.hpp"
#include "support/stored_submissions.hpp"
#include "support/tiny_site.hpp"

namespace fs = std::filesystem;

namespace {

const common::SiteData& site() {
    static const common::SiteData s = [] {
        common::SiteData made;
        made.units.counties = {{"jia", "甲县"}, {"yi", "乙县"}};
        made.units.schools = {{"a1", "甲县第一中学", "jia"}, {"b1", "乙县实验小学", "yi"}};
        return made;
    }();
    return s;
}

const common::Units& units() { return site().units; }

// A stored version as the collector leaves it: its record and one upload.
common::VersionKey store_one(collector::SubmissionStore& store, const fs::path& upload, const std::string& unit,
                             const std::string& received_at = "2019-09-01T09:00:00+08:00") {
    const common::StoredVersion record = testing::submission("application-2019", unit, received_at, {{"plan", "方案.pdf"}});
    const int version = collector::store_from_files(store, record, {{"work_plan", "方案.pdf", upload}});
    return {record.form, unit, version};
}

fs::path write_upload(const fs::path& dir, std::size_t bytes) {
    const fs::path path = dir / "upload.pdf";
    testing::PdfSpec spec;
    spec.padding = collector::random_token(bytes / 2);
    std::ofstream(path, std::ios::binary) << testing::make_pdf(spec);
    return path;
}

// A committer over `data` that describes found versions as the collector does.
std::unique_ptr<collector::GitCommitter> committer(const collector::SubmissionStore& store) {
    return std::make_unique<collector::GitCommitter>(store.layout().root(), collector::GitOptions{},
                                                     collector::found_records(site(), store.layout()));
}

// A collector starting and stopping over the data directory: what it commits on the way.
void start_and_stop(const collector::SubmissionStore& store) { committer(store); }

std::vector<std::string> shown(const std::vector<testing::LoggedCommit>& commits) {
    std::vector<std::string> out;
    for (const auto& c : commits) out.push_back(c.author_date + " " + c.author + " " + c.subject);
    return out;
}

}  // namespace

TEST_CASE("a restart commits each version a killed run left, in the order received, then the rest as the collector's") {
    const testing::TempDir dir;
    const fs::path upload = write_upload(dir.path(), 1024);
    collector::SubmissionStore store(dir.path() / "data", dir.path() / "keys");
    start_and_stop(store);  // the repository as a first start leaves it
    // Stored, never committed: the run was killed before its batch.
    store_one(store, upload, "b1", "2019-09-01T09:10:00+08:00");
    store_one(store, upload, "a1", "2019-09-01T09:05:00+08:00");
    store_one(store, upload, "a1", "2019-09-01T09:20:00+08:00");
    std::ofstream(store.layout().audit_log()) << "{}\n";
    std::ofstream(store.layout().root() / "notes.txt") << "a stray\n";

    start_and_stop(store);
    CHECK(shown(testing::record_commits(store.layout().root())) ==
          std::vector<std::string>{"2019-09-01T09:05:00+08:00 甲县第一中学 <a1@units.invalid> 收到 application-2019 甲县第一中学 (a1) v0001",
                                   "2019-09-01T09:10:00+08:00 乙县实验小学 <b1@units.invalid> 收到 application-2019 乙县实验小学 (b1) v0001",
                                   "2019-09-01T09:20:00+08:00 甲县第一中学 <a1@units.invalid> 收到 application-2019 甲县第一中学 (a1) v0002"});
    const auto all = testing::git_history(store.layout().root());
    REQUIRE(all.size() >= 4);
    CHECK(all.back().author == "collector <collector@collector.invalid>");
    CHECK(all.back().subject == "补记 启动时未提交的文件");
    CHECK(all.back().paths == std::vector<std::string>{"audit.log", "notes.txt"});
    CHECK(testing::git_in(store.layout().root(), "status --porcelain").empty());
}

// An act as the review chain stores it, by 甲县, at `at`.
common::Act write_act(const common::DataLayout& layout, int number, common::ActKind kind, const std::string& at) {
    common::Act act;
    act.number = number;
    act.kind = kind;
    act.call = "pilot-2019";
    act.at = at;
    act.actor = {"county", "jia", "甲县"};
    const common::VersionKey application{"application-2019", "a1", 1};
    if (kind == common::ActKind::forward) {
        act.county = "jia";
        act.summary = {"summary-2019", "jia", 1};
        act.selection = {application};
    } else {
        act.target = application;
        act.recommend = true;
        act.text = "同意";
        act.leader = "王五";
    }
    fs::create_directories(layout.acts_dir(act.call));
    std::ofstream(layout.act_file(act.call, number)) << common::to_json(act).dump(2) << "\n";
    return act;
}

TEST_CASE("a restart commits each act a killed run left as its actor's, a forward with its 申报汇总表") {
    const testing::TempDir dir;
    const fs::path upload = write_upload(dir.path(), 1024);
    collector::SubmissionStore store(dir.path() / "data", dir.path() / "keys");
    store_one(store, upload, "a1");
    start_and_stop(store);
    // Stored, never committed: an opinion, then the forward and its 申报汇总表.
    write_act(store.layout(), 1, common::ActKind::opinion, "2019-09-02T09:30:00+08:00");
    collector::store_from_files(store, testing::submission("summary-2019", "jia", "2019-09-02T09:40:00+08:00", {{"schools.0.unit", "甲县第一中学"}}), {});
    write_act(store.layout(), 2, common::ActKind::forward, "2019-09-02T09:40:00+08:00");

    start_and_stop(store);
    const auto records = testing::record_commits(store.layout().root());
    CHECK(shown(records) == std::vector<std::string>{
                                "2019-09-01T09:00:00+08:00 甲县第一中学 <a1@units.invalid> 收到 application-2019 甲县第一中学 (a1) v0001",
                                "2019-09-02T09:30:00+08:00 甲县 <jia@units.invalid> 县级意见 application-2019/a1/v0001：推荐",
                                "2019-09-02T09:40:00+08:00 甲县 <jia@units.invalid> 报送市局 甲县：application-2019/a1/v0001"});
    REQUIRE(records.size() == 3);
    CHECK(records[1].record == "act");
    CHECK(records[1].paths == std::vector<std::string>{"acts/pilot-2019/000001.json"});
    CHECK(records[2].version == "summary-2019/jia/v0001");
    CHECK(records[2].paths == std::vector<std::string>{"acts/pilot-2019/000002.json", "submissions/summary-2019/jia/v0001/submission.json"});
    // Nothing left for the collector's own commit.
    CHECK(testing::git_history(store.layout().root()).back().subject != "补记 启动时未提交的文件");
    CHECK(testing::git_in(store.layout().root(), "status --porcelain").empty());
}

TEST_CASE("a restart commits a version changed after its commit as the collector's, and nothing twice") {
    const testing::TempDir dir;
    const fs::path upload = write_upload(dir.path(), 1024);
    collector::SubmissionStore store(dir.path() / "data", dir.path() / "keys");
    const common::VersionKey first = store_one(store, upload, "a1");
    start_and_stop(store);
    const fs::path root = store.layout().root();
    const std::size_t before = testing::git_history(root).size();

    // Killed after fast-import wrote its commits, before the index followed.
    testing::git_in(root, "rm -r -q --cached submissions");
    start_and_stop(store);
    CHECK(testing::git_history(root).size() == before);

    std::ofstream(store.layout().upload(first, "work_plan.pdf"), std::ios::app) << "changed";
    const common::VersionKey second = store_one(store, upload, "b1");
    start_and_stop(store);
    const auto all = testing::git_history(root);
    REQUIRE(all.size() == before + 2);
    CHECK(all[before].version == second.shown());
    CHECK(all[before + 1].subject == "补记 启动时未提交的文件");
    CHECK(all[before + 1].paths == std::vector<std::string>{"submissions/application-2019/a1/v0001/work_plan.pdf"});
    CHECK(testing::git_in(root, "status --porcelain").empty());
}

// Not a pass/fail check: prints how long one batch of 100 takes, over a
// fresh repository and over one that already holds 1,000 versions.
//   build/tests/collector_git_test '[.bench]'
TEST_CASE("committing 100 submissions in one batch", "[.bench]") {
    for (const int prior : {0, 1000}) {
        std::vector<double> ms;
        for (int run = 0; run < 5; ++run) {
            const testing::TempDir dir;
            const fs::path data = dir.path() / "data";
            fs::create_directories(data);
            const fs::path upload = write_upload(dir.path(), 64 * 1024);
            // What every running collector has beside its versions: an access code and the audit log.
            collector::SubmissionStore store(data, testing::keys_beside(data));
            collector::SecretHasher hasher;
            collector::AccessCodes(data, hasher).issue("unit-0");
            collector::AuditLog audit(store.layout().audit_log(), store.keys());
            const auto git = committer(store);
            const auto receive = [&](const std::string& unit) {
                const common::VersionKey key = store_one(store, upload, unit);
                audit.append({{"event", "accepted"}, {"unit", key.unit}, {"version", key.version}}, false);
                return key;
            };
            const auto note = [&](const common::VersionKey& key) {
                git->note(collector::received_commit(units(), key, std::chrono::system_clock::now()));
            };
            for (int i = 0; i < prior; ++i) note(receive("prior-" + std::to_string(i % 50)));
            git->flush();
            std::vector<common::VersionKey> batch;
            for (int i = 0; i < 100; ++i) batch.push_back(receive("unit-" + std::to_string(i % 20)));
            const auto start = std::chrono::steady_clock::now();
            for (const auto& key : batch) note(key);
            git->flush();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("100 submissions (64 KiB upload each) in one batch, %d versions before: median %.0f ms (min %.0f, max %.0f, 5 runs)\n",
                    prior, ms[2], ms.front(), ms.back());
    }
}
