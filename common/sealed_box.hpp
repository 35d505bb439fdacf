#pragma once
// Personal members of a record, sealed in the record itself:
//   "sealed": {"members": ["leader", ...], "nonce": "…", "box": "…"}
// `members` names what is inside (names, never values), so that a reader
// without the key still knows which members are missing; `box` is the
// XChaCha20-Poly1305 (IETF) encryption of a JSON object of those members,
// under the call's data key (data_keys.hpp), with a fresh random nonce per
// record and the record's own name as associated data: a box moved to
// another record does not open.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace common {

struct SealedBox {
    std::vector<std::string> members;
    std::string nonce, box;  // base64
};

// `plain` is an object; its keys become `members`.
SealedBox seal(const std::string& key, const std::string& record_name, const nlohmann::json& plain);
// The object sealed, or nothing when the box does not open under `key` for this record.
std::optional<nlohmann::json> open(const std::string& key, const std::string& record_name, const SealedBox& box);

nlohmann::json to_json(const SealedBox& box);

}  // namespace common
