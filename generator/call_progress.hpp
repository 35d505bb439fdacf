#pragma once
// How far a call has got: per county, submissions received against the quota
// or the published list. The 受理情况 page, its chart and the bureau's export
// all count the same way.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/review_state.hpp"

#include "generator/site_model.hpp"

namespace gen {

struct CountyProgress {
    std::string county_id, county_name;
    int expected = 0;      // its quota, or its units on the list
    int received = 0;      // its school units that submitted (each counted once)
    bool summary = false;  // the county's own form (申报汇总表) received
    std::map<common::Stage, int> stages;  // its schools' newest versions, by stage of the review chain
};

struct CallProgress {
    std::string expected_label;  // 分配名额 or 名单内单位
    std::vector<CountyProgress> rows;
    int total_expected = 0, total_received = 0;
    bool has_summary_form = false;  // the call takes a form submitted by counties
    std::string as_of;              // received_at of the newest submission, or empty
    bool reviewed = false;          // the review chain has acted in this call
};

CallProgress call_progress(const Site& site, const Call& call);

// The review chain of a call as the collector's data directory left it.
std::unique_ptr<common::CallReview> call_review(const Site& site, const Call& call);
// The task-book call of a list, whose acts hold its pilots' registry; nullptr when it has none.
const Call* task_book_call(const Site& site, const std::string& list);
// The city's decision on 立项 of a call and its 公示, when it has taken one.
const common::Act* decision_of(const Site& site, const Call& call);

// The newest version of each unit's submission of each of the call's forms,
// by form, then unit.
std::vector<const Submission*> latest_submissions(const Site& site, const Call& call);

}  // namespace gen
