#pragma once
// Access codes issued by the bureau, one per unit. Only a salted slow hash
// (libsodium's crypto_pwhash, Argon2id) is stored, one file per unit under
// the data directory's access/.

#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "common/data_layout.hpp"

namespace collector {

class AccessCodes {
public:
    explicit AccessCodes(std::filesystem::path data_dir);

    // Makes a new code for `unit`, stores its hash durably and returns the
    // code: the only time it is ever seen.
    std::string issue(const std::string& unit);

    // True if `code` is the current code of `unit`.
    bool verify(const std::string& unit, const std::string& code);

private:
    common::DataLayout layout_;
    // Argon2 needs memory: at most two verifications at a time (one per core).
    std::mutex slots_mutex_;
    std::condition_variable slots_free_;
    int slots_ = 2;
    // Codes already verified, by stored hash: a unit's later submissions
    // cost a comparison, not another Argon2 run.
    std::mutex cache_mutex_;
    std::map<std::string, std::string> verified_;  // stored hash -> SHA-256 of the code
};

// Upper-case, without spaces and hyphens: how codes are compared.
std::string normalise_code(const std::string& code);

bool is_valid_unit_id(const std::string& unit);

}  // namespace collector
