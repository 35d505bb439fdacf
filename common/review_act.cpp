#include "common/review_act.hpp"

#include <algorithm>

#include "common/enum_names.hpp"
#include "common/record_members.hpp"

namespace common {
namespace {
using nlohmann::json;

constexpr EnumName<ActKind> kKinds[] = {
    {ActKind::opinion, "opinion", "县级意见"},
    {ActKind::forward, "forward", "报送市局"},
    {ActKind::revise, "revise", "退回修改"},
    {ActKind::refuse, "refuse", "不予受理"},
    {ActKind::accept, "accept", "受理"},
    {ActKind::assign, "assign", "分配评审专家"},
    {ActKind::conflict, "conflict", "声明利益冲突"},
    {ActKind::score, "score", "专家评分"},
    {ActKind::visit, "visit", "现场考察"},
    {ActKind::decide, "decide", "立项决定"},
    {ActKind::object, "object", "公示异议"},
    {ActKind::settle, "settle", "异议处理"},
    {ActKind::confirm, "confirm", "责任部门确认（乙方）"},
    {ActKind::sign, "sign", "主管部门签订（甲方）"},
    {ActKind::annual_check, "annual_check", "年度检查"},
    {ActKind::midterm, "midterm", "中期评估"},
    {ActKind::acceptance, "acceptance", "验收通过"},
    {ActKind::rectify, "rectify", "限期整改"},
    {ActKind::terminate, "terminate", "终止试点"},
};

std::string known_kinds() {
    std::string out;
    for (const auto& row : kKinds) out += (out.empty() ? "" : ", ") + std::string(row.key);
    return out;
}

json key_json(const VersionKey& k) { return {{"form", k.form}, {"unit", k.unit}, {"version", k.version}}; }

VersionKey read_key(const JsonFile& f, const json& obj, const std::string& pointer) {
    Members m(f, obj, pointer);
    VersionKey k{m.string("form"), m.string("unit"), static_cast<int>(m.count("version"))};
    if (k.version < 1) f.fail_at(m.at("version"), "\"version\" must be 1 or more");
    m.no_others("a version's key");
    return k;
}

// What names a person, by kind: sealed under the call's key. Staff and
// experts act in office under their own names, as the authors of their
// commits: their names are not sealed.
std::vector<std::string> personal_pointers(ActKind kind) {
    switch (kind) {
        case ActKind::opinion: return {"/leader"};
        case ActKind::object: return {"/objector/name", "/objector/contact"};
        default: return {};
    }
}

}  // namespace

const char* act_name(ActKind kind) { return name_of(kKinds, kind).key; }
const char* act_label(ActKind kind) { return name_of(kKinds, kind).label; }

bool registry_act(ActKind k) { return std::find(std::begin(kRegistryActs), std::end(kRegistryActs), k) != std::end(kRegistryActs); }

json to_json(const Act& a) {
    json j = {{"format", kActRecord.format}, {"number", a.number}, {"act", act_name(a.kind)}, {"call", a.call}, {"at", a.at},
              {"actor", {{"role", a.actor.role}, {"id", a.actor.id}, {"name", a.actor.name}}}};
    switch (a.kind) {
        case ActKind::opinion:
            j.update({{"target", key_json(a.target)}, {"recommend", a.recommend}, {"text", a.text}, {"leader", a.leader}});
            break;
        case ActKind::forward: {
            json selection = json::array();
            for (const auto& k : a.selection) selection.push_back(key_json(k));
            j.update({{"county", a.county}, {"summary", key_json(a.summary)}, {"selection", selection}});
            break;
        }
        case ActKind::revise:
        case ActKind::refuse:
            j.update({{"target", key_json(a.target)}, {"text", a.text}});
            break;
        case ActKind::accept:
        case ActKind::confirm:
        case ActKind::sign:
            j.update({{"target", key_json(a.target)}});
            break;
        case ActKind::annual_check:
            j.update({{"pilot", a.pilot}, {"held", a.held}, {"year", a.year}, {"result", a.result}, {"text", a.text}});
            break;
        case ActKind::midterm:
            j.update({{"pilot", a.pilot}, {"held", a.held}, {"result", a.result}, {"text", a.text}});
            break;
        case ActKind::rectify:
            j.update({{"pilot", a.pilot}, {"held", a.held}, {"until", a.until}, {"text", a.text}});
            break;
        case ActKind::acceptance:
        case ActKind::terminate:
            j.update({{"pilot", a.pilot}, {"held", a.held}, {"text", a.text}});
            break;
        case ActKind::assign:
            j.update({{"target", key_json(a.target)},
                      {"expert", {{"login", a.expert.login}, {"name", a.expert.name}, {"unit", a.expert.unit}, {"county", a.expert.county}}}});
            break;
        case ActKind::conflict:
        case ActKind::visit:
            j.update({{"target", key_json(a.target)}, {"text", a.text}});
            break;
        case ActKind::decide: {
            json proposed = json::array();
            for (const Proposal& p : a.proposed)
                proposed.push_back({{"version", key_json(p.version)}, {"unit_name", p.unit_name}, {"project", p.project}});
            j.update({{"proposed", proposed}, {"starts", a.starts}, {"ends", a.ends}, {"text", a.text}});
            break;
        }
        case ActKind::object:
            j.update({{"target", key_json(a.target)}, {"text", a.text},
                      {"objector", {{"kind", a.objector.kind}, {"name", a.objector.name}, {"contact", a.objector.contact}, {"sealed", a.objector.sealed},
                                    {"received", a.objector.received}}}});
            break;
        case ActKind::settle:
            j.update({{"objection", a.objection}, {"upheld", a.upheld}, {"text", a.text}});
            break;
        case ActKind::score: {
            json scores = json::array();
            for (const Score& s : a.scores) scores.push_back({{"criterion", s.criterion}, {"points", s.points}});
            j.update({{"target", key_json(a.target)}, {"scores", scores}, {"text", a.text}, {"final", a.final}});
            break;
        }
    }
    return j;
}

std::string stored_text(const Act& a, DataKeys& keys) {
    json j = to_json(a);
    seal_members(j, personal_pointers(a.kind), keys, a.call, DataLayout::act_repo_path(a.call, a.number));
    return j.dump(2) + "\n";
}

Act read_act(const JsonFile& sealed, const DataKeys* keys) {
    const std::string call = peek_string(sealed.value, "call");
    const Unsealed unsealed = unseal_members(sealed, keys, call, DataLayout::act_repo_path(call, static_cast<int>(peek_count(sealed.value, "number"))));
    const JsonFile& f = unsealed.file;
    Members m(f, f.value, "");
    check_format(f, m, kActRecord.name, 1, kActRecord.format);
    Act a;
    a.number = static_cast<int>(m.count("number"));
    const std::string kind = m.string("act");
    const auto known = value_of(kKinds, kind);
    if (!known) f.fail_at("/act", "unknown act \"" + kind + "\" (known: " + known_kinds() + ")");
    a.kind = *known;
    a.call = m.string("call");
    a.at = m.string("at");
    {
        Members actor(f, m.take("actor", &json::is_object, "an object"), "/actor");
        a.actor = {actor.string("role"), actor.string("id"), actor.string("name")};
        if (a.actor.role != "school" && a.actor.role != "county" && a.actor.role != "city" && a.actor.role != "expert")
            f.fail_at("/actor/role", "\"role\" must be school, county, city or expert");
        actor.no_others("an actor");
    }
    if (a.kind == ActKind::forward) {
        a.county = m.string("county");
        a.summary = read_key(f, m.take("summary", &json::is_object, "a version's key"), "/summary");
        const json& selection = m.take("selection", &json::is_array, "a list of versions' keys");
        for (std::size_t i = 0; i < selection.size(); ++i) a.selection.push_back(read_key(f, selection[i], pointer_at("/selection", i)));
    } else if (a.kind == ActKind::settle) {
        a.objection = static_cast<int>(m.count("objection"));
        a.upheld = m.take("upheld", &json::is_boolean, "true or false").get<bool>();
    } else if (a.kind == ActKind::decide) {
        const json& proposed = m.take("proposed", &json::is_array, "a list of proposals");
        for (std::size_t i = 0; i < proposed.size(); ++i) {
            const std::string at = pointer_at("/proposed", i);
            Members p(f, proposed[i], at);
            Proposal one{read_key(f, p.take("version", &json::is_object, "a version's key"), at + "/version"), p.string("unit_name"), p.string("project")};
            p.no_others("a proposal");
            a.proposed.push_back(std::move(one));
        }
        a.starts = m.string("starts");
        a.ends = m.string("ends");
    } else if (registry_act(a.kind)) {
        a.pilot = m.string("pilot");
        a.held = m.string("held");
        if (a.kind == ActKind::annual_check) a.year = static_cast<int>(m.count("year"));
        if (a.kind == ActKind::annual_check || a.kind == ActKind::midterm) a.result = m.string("result");
        if (a.kind == ActKind::rectify) a.until = m.string("until");
    } else {
        a.target = read_key(f, m.take("target", &json::is_object, "a version's key"), "/target");
    }
    if (a.kind == ActKind::opinion) {
        a.recommend = m.take("recommend", &json::is_boolean, "true or false").get<bool>();
        a.leader = m.string("leader");
    }
    if (a.kind == ActKind::object) {
        Members o(f, m.take("objector", &json::is_object, "an object"), "/objector");
        a.objector.kind = o.string("kind");
        a.objector.name = o.string("name");
        a.objector.contact = o.string("contact");
        a.objector.sealed = o.take("sealed", &json::is_boolean, "true or false").get<bool>();
        a.objector.received = o.string("received");
        o.no_others("an objector");
    }
    if (a.kind == ActKind::assign) {
        Members e(f, m.take("expert", &json::is_object, "an object"), "/expert");
        a.expert = {e.string("login"), e.string("name"), e.string("unit"), e.string("county")};
        e.no_others("an expert");
    }
    if (a.kind == ActKind::score) {
        const json& scores = m.take("scores", &json::is_array, "a list of scores");
        for (std::size_t i = 0; i < scores.size(); ++i) {
            Members s(f, scores[i], pointer_at("/scores", i));
            a.scores.push_back({s.string("criterion"), static_cast<int>(s.count("points"))});
            s.no_others("a score");
        }
        a.final = m.take("final", &json::is_boolean, "true or false").get<bool>();
    }
    const bool textless = a.kind == ActKind::forward || a.kind == ActKind::accept || a.kind == ActKind::assign || a.kind == ActKind::confirm ||
                          a.kind == ActKind::sign;
    if (!textless) a.text = m.string("text");
    m.no_others(("an act of kind " + kind).c_str());
    a.sealing = unsealed.sealing;
    return a;
}

Act load_act(const DataLayout& layout, const std::string& call, int number, const DataKeys* keys) {
    const auto file = layout.act_file(call, number);
    const JsonFile f = load_json(file, file.string());
    Act a = read_act(f, keys);
    if (a.number != number || a.call != call)
        f.fail_at("", "the act is number " + std::to_string(a.number) + " of call " + a.call + ", but it is stored as " +
                          DataLayout::act_repo_path(call, number));
    return a;
}

std::vector<Act> load_acts(const DataLayout& layout, const std::string& call, const DataKeys* keys, Diagnostics& diags) {
    std::vector<Act> out;
    for (int number : layout.act_numbers(call)) {
        try {
            out.push_back(load_act(layout, call, number, keys));
        } catch (const SourceError& e) {
            diags.add(e.diagnostic());
        }
    }
    return out;
}

}  // namespace common
