#include "common/filled_form.hpp"

#include <algorithm>
#include <set>

#include "common/form_validation.hpp"

namespace common {
namespace {

std::string shown(const std::string& value) { return value.empty() ? "（空）" : value; }

std::string label_of(const std::vector<FieldKey>& keys, const std::string& key) {
    for (const FieldKey& k : keys)
        if (k.key == key) return k.label;
    return key;
}

}  // namespace

std::vector<FilledValue> filled_values(const Form& form, const StoredVersion& version) {
    std::vector<FilledValue> out;
    std::set<std::string> known;
    for (const FieldKey& k : form_keys(form, kMaxTableRows)) {
        known.insert(k.key);
        const auto it = version.fields.find(k.key);
        if (it != version.fields.end() && !it->second.empty()) out.push_back({k.key, k.label, it->second});
    }
    for (const auto& [key, value] : version.fields)
        if (!known.count(key) && !value.empty()) out.push_back({key, key, value});
    return out;
}

std::vector<ValueChange> value_changes(const Form& form, const StoredVersion& before, const StoredVersion& after) {
    const std::vector<FieldKey> keys = form_keys(form, kMaxTableRows);
    std::vector<std::string> order;
    for (const FieldKey& k : keys) order.push_back(k.key);
    for (const StoredVersion* v : {&before, &after})
        for (const auto& [key, value] : v->fields)
            if (std::find(order.begin(), order.end(), key) == order.end()) order.push_back(key);
    auto value = [](const StoredVersion& v, const std::string& key) {
        const auto it = v.fields.find(key);
        return it == v.fields.end() ? std::string() : it->second;
    };
    std::vector<ValueChange> out;
    for (const std::string& key : order)
        if (value(before, key) != value(after, key)) out.push_back({label_of(keys, key), shown(value(before, key)), shown(value(after, key))});
    for (const StoredFile& f : after.files) {
        const auto same = std::find_if(before.files.begin(), before.files.end(), [&](const StoredFile& p) { return p.field == f.field; });
        if (same == before.files.end()) out.push_back({label_of(keys, f.field), "（空）", f.original_name});
        else if (same->sha256 != f.sha256) out.push_back({label_of(keys, f.field), same->original_name, "新文件 " + f.original_name});
    }
    return out;
}

}  // namespace common
