#include "common/site_data.hpp"

#include <set>

#include "common/calendar.hpp"

namespace common {
namespace {

using nlohmann::json;

// The item of `items` whose `member` is `key`, or null: every lookup of data/ by id.
template <typename T, typename Member>
const T* find_by(const std::vector<T>& items, const std::string Member::*member, const std::string& key) {
    for (const T& item : items)
        if (item.*member == key) return &item;
    return nullptr;
}

}  // namespace

const County* Units::county(const std::string& id) const { return find_by(counties, &County::id, id); }

const School* Units::school(const std::string& id) const { return find_by(schools, &School::id, id); }

std::string Units::name_of(const std::string& id) const {
    if (const School* s = school(id)) return s->name;
    if (const County* c = county(id)) return c->name;
    return id;
}

std::string Units::county_of(const std::string& id) const {
    if (const School* s = school(id)) return s->county;
    if (const County* c = county(id)) return c->id;
    return {};
}

const FormDef* SiteData::form(const std::string& key) const { return find_by(forms, &FormDef::key, key); }

const ApprovedList* SiteData::list(const std::string& key) const { return find_by(lists, &DataDoc::key, key); }

const Call* SiteData::call(const std::string& key) const { return find_by(calls, &Call::key, key); }

const Call* SiteData::call_taking(const std::string& form) const {
    for (const auto& c : calls)
        for (const auto& f : c.forms)
            if (f == form) return &c;
    return nullptr;
}

int SiteData::quota_of(const std::string& table, const std::string& county) const {
    for (const auto& q : quotas)
        if (q.key == table)
            for (const auto& row : q.rows)
                if (row.county_id == county) return row.quota;
    return -1;
}

void read_doc(const JsonFile& f, const std::string& key, DataDoc& doc) {
    doc.key = key;
    doc.source = f.path;
    doc.title = require_string(f, f.value, "", "title");
    if (const auto it = f.value.find("heading"); it != f.value.end()) {
        if (!it->is_array()) f.fail_at("/heading", "\"heading\" must be a list of lines");
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string()) f.fail_at(pointer_at("/heading", i), "expected a string");
            doc.heading.push_back((*it)[i].get<std::string>());
        }
    }
    if (doc.heading.empty()) doc.heading.push_back(doc.title);
}

Units read_units(const JsonFile& f) {
    Units units;
    std::set<std::string> seen;
    const json& counties = require_list(f, f.value, "", "counties");
    for (std::size_t i = 0; i < counties.size(); ++i) {
        const std::string p = pointer_at("/counties", i);
        County c{require_string(f, counties[i], p, "id"), require_string(f, counties[i], p, "name"),
                 optional_bool(f, counties[i], p, "applies_to_city")};
        if (!seen.insert(c.id).second) f.fail_at(p + "/id", "unit id \"" + c.id + "\" is used twice");
        units.counties.push_back(std::move(c));
    }
    if (!f.value.contains("schools")) return units;
    const json& schools = require_list(f, f.value, "", "schools");
    for (std::size_t i = 0; i < schools.size(); ++i) {
        const std::string p = pointer_at("/schools", i);
        School s;
        s.id = require_string(f, schools[i], p, "id");
        s.name = require_string(f, schools[i], p, "name");
        s.county = require_string(f, schools[i], p, "county");
        if (!seen.insert(s.id).second) f.fail_at(p + "/id", "unit id \"" + s.id + "\" is used twice");
        if (!units.county(s.county)) f.fail_at(p + "/county", "unknown county \"" + s.county + "\"");
        if (schools[i].contains("unfinished_pilot"))
            f.fail_at(p + "/unfinished_pilot", "\"unfinished_pilot\" is no longer read: whether a unit holds an unfinished pilot comes from the pilot registry");
        units.schools.push_back(std::move(s));
    }
    return units;
}

QuotaTable read_quota(const JsonFile& f, const std::string& key, const Units& units) {
    QuotaTable q;
    read_doc(f, key, q);
    q.unit_column = require_string(f, f.value, "", "unit_column");
    q.quota_column = require_string(f, f.value, "", "quota_column");
    const json& rows = require_list(f, f.value, "", "rows");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string p = pointer_at("/rows", i);
        QuotaRow row;
        row.county_id = require_string(f, rows[i], p, "county");
        const County* county = units.county(row.county_id);
        if (!county) f.fail_at(p + "/county", "unknown county \"" + row.county_id + "\" (see data/units.json)");
        row.county_name = county->name;
        const json& quota = require(f, rows[i], p, "quota");
        if (!quota.is_number_integer() || quota.get<int>() < 0) f.fail_at(p + "/quota", "a quota must be a whole number");
        row.quota = quota.get<int>();
        q.total += row.quota;
        q.rows.push_back(std::move(row));
    }
    const json& total = require(f, f.value, "", "total");
    q.total_label = require_string(f, total, "/total", "label");
    if (const auto it = total.find("quota"); it != total.end()) {
        if (!it->is_number_integer()) f.fail_at("/total/quota", "a quota must be a whole number");
        if (it->get<int>() != q.total)
            f.fail_at("/total/quota", "declared total " + std::to_string(it->get<int>()) + " differs from the sum of the rows, " +
                                          std::to_string(q.total));
    }
    return q;
}

ApprovedList read_list(const JsonFile& f, const std::string& key) {
    ApprovedList l;
    read_doc(f, key, l);
    l.date = require_string(f, f.value, "", "date");
    if (!is_iso_date(l.date)) f.fail_at("/date", "\"date\" must be a date YYYY-MM-DD, found \"" + l.date + "\"");
    const json& cols = require(f, f.value, "", "columns");
    l.unit_label = require_string(f, cols, "/columns", "unit");
    l.project_label = require_string(f, cols, "/columns", "project");
    l.leader_label = require_string(f, cols, "/columns", "leader");
    const json& entries = require_list(f, f.value, "", "entries");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string p = pointer_at("/entries", i);
        const json& e = entries[i];
        l.entries.push_back({require_string(f, e, p, "unit"), optional_string(f, e, p, "school"),
                             require_string(f, e, p, "project"), require_string(f, e, p, "leader")});
    }
    return l;
}

int ExpertRubric::max_total() const {
    int total = 0;
    for (const Criterion& c : criteria) total += c.max * c.weight;
    return total;
}

const Criterion* ExpertRubric::criterion(const std::string& key) const {
    for (const Criterion& c : criteria)
        if (c.key == key) return &c;
    return nullptr;
}

namespace {

int whole_number(const JsonFile& f, const json& obj, const std::string& ptr, const char* key, int fallback, int least) {
    const auto it = obj.find(key);
    if (it == obj.end()) return fallback;
    if (!it->is_number_integer() || it->get<long long>() < least || it->get<long long>() > 1000)
        f.fail_at(ptr + "/" + key, std::string("\"") + key + "\" must be a whole number from " + std::to_string(least) + " to 1000");
    return it->get<int>();
}

ExpertRubric read_rubric(const JsonFile& f, const json& obj) {
    const std::string ptr = "/expert_review";
    if (!obj.is_object()) f.fail_at(ptr, "\"expert_review\" must be an object");
    ExpertRubric r;
    r.anonymous = optional_bool(f, obj, ptr, "anonymous");
    r.county_conflict = optional_bool(f, obj, ptr, "county_conflict");
    r.spread_threshold = whole_number(f, obj, ptr, "spread_threshold", 0, 0);
    const json& criteria = require_list(f, obj, ptr, "criteria");
    if (criteria.empty()) f.fail_at(ptr + "/criteria", "an expert review needs at least one criterion");
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        const std::string p = pointer_at(ptr + "/criteria", i);
        Criterion c{require_string(f, criteria[i], p, "key"), require_string(f, criteria[i], p, "title"),
                    whole_number(f, criteria[i], p, "max", 0, 1), whole_number(f, criteria[i], p, "weight", 1, 1)};
        if (c.max == 0) f.fail_at(p, "a criterion needs its \"max\" score");
        if (r.criterion(c.key)) f.fail_at(p + "/key", "criterion \"" + c.key + "\" is given twice");
        r.criteria.push_back(std::move(c));
    }
    return r;
}

}  // namespace

Call read_call(const JsonFile& f, const std::string& key) {
    Call c;
    c.key = key;
    c.source = f.path;
    c.title = require_string(f, f.value, "", "title");
    c.notice = require_string(f, f.value, "", "notice");
    c.deadline = require_string(f, f.value, "", "deadline");
    if (!is_iso_date(c.deadline)) f.fail_at("/deadline", "\"deadline\" must be a date YYYY-MM-DD, found \"" + c.deadline + "\"");
    c.deadline_label = optional_string(f, f.value, "", "deadline_label");
    const json& forms = require_list(f, f.value, "", "forms");
    for (std::size_t i = 0; i < forms.size(); ++i) {
        if (!forms[i].is_string()) f.fail_at(pointer_at("/forms", i), "expected a form id");
        c.forms.push_back(forms[i].get<std::string>());
    }
    c.quota = optional_string(f, f.value, "", "quota");
    c.list = optional_string(f, f.value, "", "list");
    c.exclude_unfinished_pilots = optional_bool(f, f.value, "", "exclude_unfinished_pilots");
    c.opens = optional_string(f, f.value, "", "opens");
    if (c.exclude_unfinished_pilots && !is_iso_date(c.opens))
        f.fail_at("/opens", "a call that excludes unfinished pilots needs \"opens\", the date YYYY-MM-DD it opened, to judge them as of that day");
    if (const auto it = f.value.find("expert_review"); it != f.value.end()) c.expert_review = read_rubric(f, *it);
    if (f.value.contains("stamped_scan")) {
        const std::string scan = require_string(f, f.value, "", "stamped_scan");
        if (scan != "required" && scan != "optional")
            f.fail_at("/stamped_scan", "\"stamped_scan\" must be \"required\" or \"optional\", found \"" + scan + "\"");
        c.stamped_scan = scan == "required" ? StampedScan::required : StampedScan::optional;
    }
    return c;
}

PrivacyNotice read_privacy(const JsonFile& f) {
    PrivacyNotice p;
    p.version = require_string(f, f.value, "", "version");
    p.title = require_string(f, f.value, "", "title");
    p.paragraphs = string_list(f, f.value, "", "paragraphs");
    if (p.paragraphs.empty()) f.fail_at("/paragraphs", "the notice needs its text: who collects, why, and how long it is kept");
    return p;
}

SiteInfo read_site_info(const JsonFile& f) {
    SiteInfo s;
    s.bureau = require_string(f, f.value, "", "bureau");
    s.site_title = require_string(f, f.value, "", "site_title");
    s.host_unit = optional_string(f, f.value, "", "host_unit");
    if (s.host_unit.empty()) s.host_unit = s.bureau;
    if (f.value.contains("contacts")) {
        const json& list = require_list(f, f.value, "", "contacts");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string p = pointer_at("/contacts", i);
            s.contacts.push_back({require_string(f, list[i], p, "unit"), optional_string(f, list[i], p, "phone"), optional_string(f, list[i], p, "email")});
        }
    }
    return s;
}

TopicGuide read_topics(const JsonFile& f, const std::string& key) {
    TopicGuide g;
    read_doc(f, key, g);
    const json& topics = require_list(f, f.value, "", "topics");
    for (std::size_t i = 0; i < topics.size(); ++i) {
        const std::string p = pointer_at("/topics", i);
        const json& t = topics[i];
        g.topics.push_back({require_string(f, t, p, "number"), require_string(f, t, p, "title"), require_string(f, t, p, "conditions"),
                            require_string(f, t, p, "directions"), optional_string(f, t, p, "applicants")});
    }
    return g;
}

}  // namespace common
