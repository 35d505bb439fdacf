#pragma once
// What the commit of each kind of record says: who acted and what happened
// to which version, in the one format of docs/records.md ("Commits"). A new
// kind of record (a county's 意见, the city's decision) adds its commit here
// and notes it to the GitCommitter as a submission's is.

#include <chrono>
#include <optional>
#include <string>

#include "collector/actor.hpp"
#include "collector/git_committer.hpp"
#include "common/data_layout.hpp"
#include "common/review_act.hpp"
#include "common/site_data.hpp"

namespace collector {

// A record's message: `summary` ("收到 application-2019 平江县某学校
// (pingjiang-x) v0002"), a blank line, then the trailers that name the
// record: "Record: submission" and "Version: application-2019/pingjiang-x/v0002".
std::string record_message(const std::string& summary, const common::RecordKind& kind, const common::VersionKey& key);

// A version received from its unit, which is the author: its name as
// units.json gives it and `<unit-id@units.invalid>`.
Commit received_commit(const common::Units& units, const common::VersionKey& key, std::chrono::system_clock::time_point received);

// An act of the review chain, by its actor (a unit as above, city staff as
// `<login@staff.invalid>`), at the time it was taken. A forward's
// 申报汇总表 is in the same commit: the two are one act. The message's
// first line says what was decided about which version ("县级意见
// application-2019/pj-a/v0001：推荐"), its trailers "Record: act",
// "Act: <kind>", "Number: <n>" and the Version acted on (for a forward, its
// 申报汇总表's).
Commit act_commit(const common::Act& act, const common::SiteData& site);

// An expert account opened on city staff's page, or given a new password
// (`reissued`), by them as an act's author is: its file under
// access/staff/, "开通专家账号 LOGIN（unit，county）" or "重设专家账号密码 LOGIN（…）",
// and the trailers "Record: account" and "Account: LOGIN". The password's
// hash is in the file; the expert's name is not in the message.
Commit account_commit(const StaffMember& expert, bool reissued, const Actor& by, const common::SiteData& site,
                      std::chrono::system_clock::time_point when);

// The commit a record found uncommitted at a restart would have had (a
// version as it was received, an act as it was taken: the record gives the
// time), for GitCommitter's recovery; nothing when the record does not read.
FoundRecord found_records(const common::SiteData& site, const common::DataLayout& layout);

}  // namespace collector
