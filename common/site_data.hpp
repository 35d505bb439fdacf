#pragma once
// What data/ holds: the site's identity, units, quota tables, topic guides,
// published lists, forms and calls. The generator publishes them; the
// collector enforces them.

#include <optional>
#include <string>
#include <vector>

#include "common/form_schema.hpp"
#include "common/json_file.hpp"

namespace common {

// What every page made from one data/ file has.
struct DataDoc {
    std::string key;     // file stem: "2019"
    std::string source;  // "data/quotas/2019.json"
    std::string title;
    std::vector<std::string> heading;  // title lines as printed
};

struct County {
    std::string id, name;
    // 市直学校: its schools apply to the city directly, with no county stage.
    bool applies_to_city = false;
};

struct School {
    std::string id, name, county;
};

struct Units {
    std::vector<County> counties;
    std::vector<School> schools;
    const County* county(const std::string& id) const;
    const School* school(const std::string& id) const;
    // The name of a school or county as people read it; its id when it is neither.
    std::string name_of(const std::string& id) const;
    // The county a school belongs to, a county's own id, or empty.
    std::string county_of(const std::string& id) const;
};


struct QuotaRow {
    std::string county_id, county_name;
    int quota = 0;
};

struct QuotaTable : DataDoc {
    std::string unit_column, quota_column, total_label;
    std::vector<QuotaRow> rows;
    int total = 0;  // computed from the rows
};

struct ListEntry {
    std::string unit, school, project, leader;
};

// A published list: each entry with a school is a pilot, 立项 on the list's date.
struct ApprovedList : DataDoc {
    std::string date;  // YYYY-MM-DD: when the list was published
    std::string unit_label, project_label, leader_label;
    std::vector<ListEntry> entries;
};

// A call for submissions: which notice announces it, until when, which forms
// it takes and which rules bind it.
// How experts score a call's accepted applications (a call's "expert_review").
struct Criterion {
    std::string key, title;
    int max = 0;     // the highest score an expert may give
    int weight = 1;  // the score counts this many times in the total
};

struct ExpertRubric {
    std::vector<Criterion> criteria;
    bool anonymous = false;        // experts read no name of the applicant, and files by number
    bool county_conflict = false;  // an expert's own county is a conflict of interest, as their own unit always is
    int spread_threshold = 0;      // totals further apart than this are flagged; 0: never
    int max_total() const;
    const Criterion* criterion(const std::string& key) const;
};

// Whether a call asks for the 盖章扫描件: the school's filled-in copy,
// printed, stamped, signed and scanned (docs/records.md).
enum class StampedScan { none, optional, required };

struct Call {
    std::string key, source, title;
    std::string notice;          // slug of the notice under content/notices/
    std::string deadline;        // YYYY-MM-DD, last day accepted (Asia/Shanghai)
    std::string deadline_label;  // what is due, e.g. 申报材料
    std::vector<std::string> forms;
    std::string quota;           // key of data/quotas/*.json limiting counties, or empty
    std::string list;            // key of data/lists/*.json: only units on it may submit (a task-book call), or empty
    // Units holding a pilot not yet accepted as of `opens` may not apply (pilot_registry.hpp).
    bool exclude_unfinished_pilots = false;
    std::string opens;  // YYYY-MM-DD: the day the call opened; required with exclude_unfinished_pilots
    // The call for the task books of its list's pilots, whose acts also hold their registry.
    bool task_books() const { return !list.empty(); }
    std::optional<ExpertRubric> expert_review;  // none: the call has no expert stage
    // required: a version without its scan is incomplete, and is neither forwarded nor accepted.
    StampedScan stamped_scan = StampedScan::none;
};

// What the online forms tell people before they give personal data; its
// version is stored with every submission (data/privacy.json).
struct PrivacyNotice {
    std::string version, title;
    std::vector<std::string> paragraphs;
};

// data/site.json: who runs the site and how to reach them.
struct Contact {
    std::string unit, phone, email;
};

struct SiteInfo {
    std::string bureau, site_title, host_unit;
    std::vector<Contact> contacts;
};

struct Topic {
    std::string number, title, conditions, directions, applicants;
};

struct TopicGuide : DataDoc {
    std::vector<Topic> topics;
};

struct FormDef {
    std::string key, source;
    Form form;
};

// Everything data/ holds, as both programs read it.
struct SiteData {
    SiteInfo info;
    Units units;
    std::vector<QuotaTable> quotas;
    std::vector<TopicGuide> topics;
    std::vector<ApprovedList> lists;
    std::vector<FormDef> forms;
    std::vector<Call> calls;
    PrivacyNotice privacy;  // shown before the online forms ask for personal data

    const FormDef* form(const std::string& key) const;
    const ApprovedList* list(const std::string& key) const;
    const Call* call(const std::string& key) const;
    // The call that takes submissions of `form`; nullptr when none does.
    const Call* call_taking(const std::string& form) const;
    // The quota of a county in a quota table; -1 if it has none.
    int quota_of(const std::string& table, const std::string& county) const;
};

void read_doc(const JsonFile& f, const std::string& key, DataDoc& doc);
Units read_units(const JsonFile& f);
QuotaTable read_quota(const JsonFile& f, const std::string& key, const Units& units);
ApprovedList read_list(const JsonFile& f, const std::string& key);
Call read_call(const JsonFile& f, const std::string& key);
PrivacyNotice read_privacy(const JsonFile& f);
SiteInfo read_site_info(const JsonFile& f);
TopicGuide read_topics(const JsonFile& f, const std::string& key);

}  // namespace common
