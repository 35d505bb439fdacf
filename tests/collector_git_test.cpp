// The collector's git history of its data directory, through GitCommitter.

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
#include "collector/store_from_files.hpp"
#include "support/stored_submissions.hpp"
#include "support/tiny_site.hpp"

namespace fs = std::filesystem;

namespace {

// A stored version as the collector leaves it: its record and one upload.
common::VersionKey store_one(collector::SubmissionStore& store, const fs::path& upload, const std::string& unit) {
    const common::StoredVersion record = testing::submission("application-2019", unit, "2019-09-01T09:00:00+08:00", {{"plan", "方案.pdf"}});
    const int version = collector::store_from_files(store, record, {{"work_plan", "方案.pdf", upload}});
    return {record.form, unit, version};
}

fs::path write_upload(const fs::path& dir, std::size_t bytes) {
    const fs::path path = dir / "upload.pdf";
    std::ofstream(path, std::ios::binary) << "%PDF-1.4\n" << collector::random_token(bytes / 2) << "\n%%EOF\n";
    return path;
}

}  // namespace

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
            collector::SubmissionStore store(data);
            collector::AccessCodes(data).issue("unit-0");
            collector::AuditLog audit(store.layout().audit_log());
            collector::GitCommitter git(data, "");
            const auto note = [&](const common::VersionKey& key) {
                git.note(key.form + " " + key.unit + " " + common::version_name(key.version),
                         common::DataLayout::repo_path(common::kSubmissionRecord, key));
            };
            const auto receive = [&](const std::string& unit) {
                const common::VersionKey key = store_one(store, upload, unit);
                audit.append({{"event", "accepted"}, {"unit", key.unit}, {"version", key.version}}, false);
                return key;
            };
            for (int i = 0; i < prior; ++i) note(receive("prior-" + std::to_string(i % 50)));
            git.flush();
            std::vector<common::VersionKey> batch;
            for (int i = 0; i < 100; ++i) batch.push_back(receive("unit-" + std::to_string(i % 20)));
            const auto start = std::chrono::steady_clock::now();
            for (const auto& key : batch) note(key);
            git.flush();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("100 submissions (64 KiB upload each) in one batch, %d versions before: median %.0f ms (min %.0f, max %.0f, 5 runs)\n",
                    prior, ms[2], ms.front(), ms.back());
    }
}
