#pragma once
// The personal members of a record, sealed when it is written and put back
// when it is read, so that each record's own reader stays one strict
// parser of the clear record. Members are named by JSON pointers
// ("/leader", "/fields/leader_mobile"); a record's sealed members are its
// "sealed" object (sealed_box.hpp), under its call's data key.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/data_keys.hpp"
#include "common/json_file.hpp"

namespace common {

// How the reader found a record's personal members.
enum class Sealing {
    none,       // it has none
    open,       // read with the call's key
    closed,     // the reader has no key: each member reads ""
    forgotten,  // the key was destroyed: each member reads 已删除 (kForgotten)
};

// What a reader finds in place of a member whose key was destroyed.
inline constexpr const char* kForgotten = "已删除";

// Moves the members at `pointers` that `record` has into record["sealed"].
void seal_members(nlohmann::json& record, const std::vector<std::string>& pointers, DataKeys& keys, const std::string& call,
                  const std::string& record_name);

// The record with its sealed members back in place, and how they were
// found. A box that does not open, or a key directory without the call's
// key, is a SourceError at "/sealed". `keys` may be null: a reader that
// must not see personal data.
struct Unsealed {
    JsonFile file;
    Sealing sealing = Sealing::none;
    std::vector<std::string> members;  // the pointers that were sealed
};
Unsealed unseal_members(const JsonFile& file, const DataKeys* keys, const std::string& call, const std::string& record_name);

}  // namespace common
