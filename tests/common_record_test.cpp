// The stored submission record, the contract between collector and
// generator: what the collector's store writes, the generator reads back
// unchanged, and anything else is refused at its line and column.

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "collector/record_check.hpp"
#include "common/data_layout.hpp"
#include "generator/review/submissions_loader.hpp"
#include "support/collector_fixture.hpp"
#include "support/stored_submissions.hpp"
#include "support/tiny_site.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kPlan = testing::tiny_pdf();

common::StoredVersion example() {
    common::StoredVersion r;
    r.receipt = "20200401-abcdef";
    r.form = "apply";
    r.call = "pilot-2020";
    r.unit = "a1";
    r.received_at = "2020-04-01T09:00:00+08:00";
    r.privacy_notice = "2026-11-1";
    r.fields = {{"leader", "王某某"}, {"plan", "方案.pdf"}};
    return r;
}

// What the store writes for example() with kPlan: the positions below count on it.
const std::string kStored = R"({
  "call": "pilot-2020",
  "fields": {
    "leader": "王某某",
    "plan": "方案.pdf"
  },
  "files": [
    {
      "bytes": 1302,
      "field": "plan",
      "name": "plan.pdf",
      "original_name": "方案.pdf",
      "sha256": "4efbfd9d90de353cd0fa7d40feebc811708358c7cf99558192bca06e970da6d1"
    }
  ],
  "form": "apply",
  "format": 2,
  "privacy_notice": "2026-11-1",
  "receipt": "20200401-abcdef",
  "received_at": "2020-04-01T09:00:00+08:00",
  "unit": "a1",
  "version": 1
}
)";

// The generator's diagnostics for a data directory, one per line.
std::string load_errors(const fs::path& data, gen::Site& site) {
    common::Diagnostics diags;
    gen::load_submissions(data, {}, site, diags);
    std::string out;
    for (const auto& d : diags.sorted()) out += common::format(d) + "\n";
    return out;
}

// The stored example with `from` replaced by `to`, as the generator reports it.
std::string error_for(const std::string& from, const std::string& to) {
    testing::TempDir dir;
    const fs::path data = dir.path() / "data";
    testing::write_submission(data, example(), {{"plan", "方案.pdf", kPlan}});
    const fs::path file = common::DataLayout(data).record_file(common::kSubmissionRecord, {"apply", "a1", 1});
    std::string text = testing::read_file(file);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(file, std::ios::binary) << text;
    gen::Site site;
    const std::string errors = load_errors(data, site);
    CHECK(site.submissions.empty());
    // Messages name the file as the generator was given it.
    const std::string shown = file.string();
    REQUIRE(errors.compare(0, shown.size(), shown) == 0);
    return errors.substr(shown.size());
}

}  // namespace

TEST_CASE("a version the collector's store writes is read by the generator with every field equal") {
    testing::TempDir dir;
    const fs::path data = dir.path() / "data";
    REQUIRE(testing::write_submission(data, example(), {{"plan", "方案.pdf", kPlan}}) == 1);
    const common::DataLayout layout(data);
    CHECK(testing::read_file(layout.record_file(common::kSubmissionRecord, {"apply", "a1", 1})) == kStored);
    CHECK(testing::read_file(layout.upload({"apply", "a1", 1}, "plan.pdf")) == kPlan);

    gen::Site site;
    CHECK(load_errors(data, site).empty());
    REQUIRE(site.submissions.size() == 1);
    const gen::Submission& s = site.submissions[0];
    const common::StoredVersion want = example();
    CHECK(s.receipt == want.receipt);
    CHECK(s.form == want.form);
    CHECK(s.call == want.call);
    CHECK(s.unit == want.unit);
    CHECK(s.version == 1);
    CHECK(s.received_at == want.received_at);
    CHECK(s.privacy_notice == want.privacy_notice);
    CHECK(s.fields == want.fields);
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].field == "plan");
    CHECK(s.files[0].name == "plan.pdf");
    CHECK(s.files[0].original_name == "方案.pdf");
    CHECK(s.files[0].bytes == kPlan.size());
    CHECK(s.files[0].sha256 == "4efbfd9d90de353cd0fa7d40feebc811708358c7cf99558192bca06e970da6d1");
    CHECK(s.source == "apply/a1/v0001");

    // The next one of the same unit is version 2, beside it.
    REQUIRE(testing::write_submission(data, example()) == 2);
    gen::Site again;
    CHECK(load_errors(data, again).empty());
    CHECK(again.submissions.size() == 2);
}

TEST_CASE("a record with a missing, unknown or mistyped key, or of an unknown format, is refused where it is") {
    CHECK(error_for("      \"field\": \"plan\",\n", "") == ":8:5: error: missing required field \"field\"\n");
    CHECK(error_for("  \"unit\": \"a1\",\n", "  \"unit\": \"a1\",\n  \"opinion\": \"同意\",\n") ==
          ":22:14: error: unknown key \"opinion\" in a submission record\n");
    CHECK(error_for("\"bytes\": 1302", "\"bytes\": \"1302\"") == ":9:16: error: \"bytes\" must be a whole number\n");
    CHECK(error_for("\"leader\": \"王某某\"", "\"leader\": 1") == ":4:15: error: \"leader\" must be a string\n");
    CHECK(error_for("\"format\": 2", "\"format\": 3") ==
          ":17:13: error: a submission record of format 3, which this program does not read (it reads format 1 to 2)\n");
    CHECK(error_for("  \"format\": 2,\n", "") == ":1:1: error: missing required field \"format\"\n");
    CHECK(error_for("\"name\": \"plan.pdf\"", "\"name\": \"../plan.pdf\"") ==
          ":11:15: error: \"name\" must be a file name in the version's directory\n");
    CHECK(error_for("\"unit\": \"a1\"", "\"unit\": \"a2\"") ==
          ":1:1: error: the record is of apply/a2/v0001, but it is stored as apply/a1/v0001\n");
}

TEST_CASE("the data directory's version listing ignores whatever is not a version") {
    testing::TempDir dir;
    const common::DataLayout layout(dir.path());
    const auto& kind = common::kSubmissionRecord;
    for (const char* d : {"apply/a1/v0001", "apply/a1/v0002", "apply/b1/v0010", "apply/a1/v1", "apply/a1/v00003", "apply/a1/v0000",
                          "apply/a1/.v0004", "apply/a1/v0005.tmp-x", "apply/.hidden/v0001", "summary/a/v0001"})
        fs::create_directories(layout.records(kind) / d);
    for (const char* f : {"README", "apply/notes.txt", "apply/a1/v0006", "apply/a1/notes"}) std::ofstream(layout.records(kind) / f) << "x";

    CHECK(layout.versions(kind, "apply", "a1") == std::vector<int>{1, 2});
    CHECK(layout.versions(kind, "apply", "nobody").empty());
    std::vector<std::string> all;
    for (const auto& k : layout.versions(kind)) all.push_back(k.form + "/" + k.unit + "/" + common::version_name(k.version));
    CHECK(all == std::vector<std::string>{"apply/a1/v0001", "apply/a1/v0002", "apply/b1/v0010", "summary/a/v0001"});

    CHECK(common::parse_version_name("v0042") == 42);
    CHECK(common::parse_version_name("v12345") == 12345);
    CHECK_FALSE(common::parse_version_name("v042"));
    CHECK_FALSE(common::parse_version_name("v0000"));
    CHECK_FALSE(common::parse_version_name("x0001"));
    CHECK_FALSE(common::parse_version_name("v00a1"));
}

TEST_CASE("a path of the data directory names the version it lies in, as the layout spells it") {
    const auto at = [](const std::string& path) {
        const auto v = common::DataLayout::version_at(path);
        return v ? std::string(v->kind->name) + " " + v->key.shown() : std::string("-");
    };
    CHECK(at("submissions/apply/a1/v0002") == "submission apply/a1/v0002");
    CHECK(at("submissions/apply/a1/v0002/plan.pdf") == "submission apply/a1/v0002");
    CHECK(at(common::DataLayout::repo_path(common::kSubmissionRecord, {"apply", "b1", 10})) == "submission apply/b1/v0010");
    for (const char* stray : {"audit.log", "access/a1.hash", "submissions/apply/a1", "submissions/apply/a1/v2/x", "submissions/apply/.a1/v0001",
                              "submissions//a1/v0001", "other/apply/a1/v0001", ".gitignore"})
        CHECK(at(stray) == "-");
}

TEST_CASE("collector records lists every version and, verifying, names an upload that is missing or no longer the one receipted") {
    testing::TempDir dir;
    const fs::path data = dir.path() / "data";
    REQUIRE(testing::write_submission(data, example(), {{"plan", "方案.pdf", kPlan}}) == 1);
    REQUIRE(testing::write_submission(data, example(), {{"plan", "方案.pdf", kPlan}}) == 2);
    const common::DataLayout layout(data);

    auto listed = [&](bool verify, std::string& problems) {
        std::ostringstream out;
        common::Diagnostics diags;
        collector::list_records(layout, nullptr, verify, out, diags);
        problems.clear();
        for (const auto& d : diags.sorted()) problems += common::format(d) + "\n";
        return out.str();
    };
    std::string problems;
    const std::string all = listed(true, problems);
    CHECK(problems.empty());
    const auto first = nlohmann::json::parse(all.substr(0, all.find('\n')));
    CHECK(first["version"] == 1);
    CHECK(first["dir"] == layout.version_dir(common::kSubmissionRecord, {"apply", "a1", 1}).string());
    CHECK(std::count(all.begin(), all.end(), '\n') == 2);

    // Version 2's upload keeps its size but not its bytes; version 1's is gone.
    std::string altered = kPlan;
    altered.back() ^= 1;
    std::ofstream(layout.upload({"apply", "a1", 2}, "plan.pdf"), std::ios::binary | std::ios::trunc) << altered;
    fs::remove(layout.upload({"apply", "a1", 1}, "plan.pdf"));
    const std::string after = listed(true, problems);
    CHECK(after.empty());
    CHECK(problems.find("v0001/submission.json: error: missing upload plan.pdf") != std::string::npos);
    CHECK(problems.find("v0002/submission.json: error: upload plan.pdf does not match its SHA-256") != std::string::npos);
    // Without verifying, the records alone are read.
    const std::string unverified = listed(false, problems);
    CHECK(std::count(unverified.begin(), unverified.end(), '\n') == 2);
}

TEST_CASE("personal members are sealed under their call's key and read back only with it") {
    testing::TempDir dir;
    common::DataKeys keys(dir.path() / "keys");
    common::Act opinion = testing::county_opinion("pilot-2020", {"county", "pingjiang", "平江县教育局"}, {"apply", "a1", 1}, "欧阳明远", 3);
    const std::string text = common::stored_text(opinion, keys);
    CHECK(text.find("欧阳明远") == std::string::npos);
    CHECK(text.find("\"sealed\"") != std::string::npos);
    CHECK(text.find("同意推荐") != std::string::npos);  // what is not personal stays a readable diff
    const auto read = [&](const std::string& t, const common::DataKeys* k) { return common::read_act(common::parse_json(t, "acts/pilot-2020/000003.json"), k); };

    const common::Act opened = read(text, &keys);
    CHECK(opened.leader == "欧阳明远");
    CHECK(opened.sealing == common::Sealing::open);
    CHECK(read(text, nullptr).leader.empty());
    CHECK(read(text, nullptr).sealing == common::Sealing::closed);

    // Another act's box, a changed box and another key do not open.
    common::Act other = opinion;
    other.number = 4;
    other.leader = "诸葛文博";
    nlohmann::json moved = nlohmann::json::parse(text);
    moved["sealed"] = nlohmann::json::parse(common::stored_text(other, keys))["sealed"];
    CHECK_THROWS_WITH(read(moved.dump(2), &keys), Catch::Contains("do not open"));
    nlohmann::json changed = nlohmann::json::parse(text);
    std::string box = changed["sealed"]["box"];
    box[3] = box[3] == 'A' ? 'B' : 'A';
    changed["sealed"]["box"] = box;
    CHECK_THROWS_WITH(read(changed.dump(2), &keys), Catch::Contains("do not open"));
    testing::TempDir elsewhere;
    common::DataKeys strangers(elsewhere.path() / "keys");
    strangers.key_for_sealing("pilot-2020");
    CHECK_THROWS_WITH(read(text, &strangers), Catch::Contains("do not open"));
    testing::TempDir empty;
    const common::DataKeys none(empty.path() / "keys");
    CHECK_THROWS_WITH(read(text, &none), Catch::Contains("holds no key of call pilot-2020"));

    // Forgetting: the key goes, the record reads 已删除, nothing is sealed again.
    CHECK(keys.forget("pilot-2020", "2026-12-03", "测试"));
    CHECK_FALSE(fs::exists(dir.path() / "keys/data/pilot-2020.key"));
    CHECK(read(text, &keys).leader == common::kForgotten);
    CHECK(read(text, &keys).sealing == common::Sealing::forgotten);
    CHECK_THROWS(common::stored_text(opinion, keys));
    CHECK(keys.state("pilot-2020") == common::KeyState::forgotten);
}

TEST_CASE("a submission's personal fields are sealed and every other field stays in clear") {
    testing::TempDir dir;
    common::DataKeys keys(dir.path() / "keys");
    common::StoredVersion r = example();
    r.version = 1;
    r.personal = {"leader"};
    const std::string text = common::stored_text(r, keys);
    CHECK(text.find("王某某") == std::string::npos);
    CHECK(text.find("方案.pdf") != std::string::npos);
    const common::StoredVersion back = common::read_stored_version(common::parse_json(text, "submission.json"), &keys);
    CHECK(back.fields == r.fields);
    CHECK(back.personal == r.personal);
    // A version renumbered by hand does not open: the box is bound to its record.
    nlohmann::json renumbered = nlohmann::json::parse(text);
    renumbered["version"] = 2;
    CHECK_THROWS_WITH(common::read_stored_version(common::parse_json(renumbered.dump(2), "submission.json"), &keys), Catch::Contains("do not open"));
}
