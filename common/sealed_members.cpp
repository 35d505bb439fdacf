#include "common/sealed_members.hpp"

#include "common/record_members.hpp"
#include "common/sealed_box.hpp"

namespace common {
namespace {
using nlohmann::json;

SealedBox read_box(const JsonFile& f) {
    Members m(f, f.value.at("sealed"), "/sealed");
    SealedBox box;
    const json& members = m.take("members", &json::is_array, "a list of JSON pointers");
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (!members[i].is_string() || members[i].get<std::string>().rfind('/', 0) != 0)
            f.fail_at(pointer_at("/sealed/members", i), "a sealed member is named by a JSON pointer");
        box.members.push_back(members[i].get<std::string>());
    }
    box.nonce = m.string("nonce");
    box.box = m.string("box");
    m.no_others("the sealed members");
    return box;
}

void put(json& record, const std::string& pointer, const json& value) { record[json::json_pointer(pointer)] = value; }

}  // namespace

void seal_members(json& record, const std::vector<std::string>& pointers, DataKeys& keys, const std::string& call, const std::string& record_name) {
    json plain = json::object();
    for (const std::string& pointer : pointers) {
        const json::json_pointer at(pointer);
        if (!record.contains(at)) continue;
        plain[pointer] = record.at(at);
        record.at(at.parent_pointer()).erase(at.back());
    }
    if (plain.empty()) return;
    record["sealed"] = to_json(seal(keys.key_for_sealing(call), record_name, plain));
}

Unsealed unseal_members(const JsonFile& f, const DataKeys* keys, const std::string& call, const std::string& record_name) {
    Unsealed out{f, Sealing::none, {}};
    if (!f.value.is_object() || !f.value.contains("sealed")) return out;
    if (!f.value.at("sealed").is_object()) f.fail_at("/sealed", "\"sealed\" must be an object");
    const SealedBox box = read_box(f);
    out.members = box.members;
    json& record = out.file.value;
    record.erase("sealed");
    const KeyState state = keys ? keys->state(call) : KeyState::missing;
    if (!keys || state == KeyState::forgotten) {
        out.sealing = keys ? Sealing::forgotten : Sealing::closed;
        for (const std::string& pointer : box.members) put(record, pointer, keys ? kForgotten : "");
        return out;
    }
    if (state == KeyState::missing)
        f.fail_at("/sealed", "the key directory " + keys->dir().string() + " holds no key of call " + call + ", and no record of its forgetting");
    const auto plain = open(*keys->key(call), record_name, box);
    if (!plain) f.fail_at("/sealed", "the sealed members do not open with the key of call " + call + " (another key, or changed since they were sealed)");
    for (const std::string& pointer : box.members) {
        if (!plain->contains(pointer)) f.fail_at("/sealed", "the sealed members lack " + pointer);
        put(record, pointer, plain->at(pointer));
    }
    out.sealing = Sealing::open;
    return out;
}

}  // namespace common
