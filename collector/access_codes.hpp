#pragma once
// Access codes issued by the bureau, one per unit: "K7M2-9QXD-HT4W-C8PE-3NZA".
// The first group is the code's public lookup id, which names the file
// holding the unit and the Argon2id hash of the rest, the secret
// (common/data_layout.hpp: access/codes/<ID>.json). So a code finds its unit
// with one file read and one hash check, and the id may appear in logs and
// limits while the secret never does.

#include <filesystem>
#include <optional>
#include <string>

#include "collector/secret_hash.hpp"
#include "common/data_layout.hpp"

namespace collector {

class AccessCodes {
public:
    AccessCodes(std::filesystem::path data_dir, SecretHasher& hasher);

    // Makes a new code for `unit`, stores it durably, withdraws the unit's
    // earlier codes and returns the code: the only time it is ever seen.
    std::string issue(const std::string& unit);

    // The unit whose current code is `code`, or nothing.
    std::optional<std::string> unit_of(const std::string& code);

private:
    common::DataLayout layout_;
    SecretHasher& hasher_;
};

// The lookup id of a code as typed (normalised as codes are compared), or
// empty when the text does not have the shape of a code.
std::string lookup_id(const std::string& code);

bool is_valid_unit_id(const std::string& unit);

}  // namespace collector
