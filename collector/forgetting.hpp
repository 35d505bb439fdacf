#pragma once
// The commands that keep data/privacy.json's promise of deletion: which
// calls' personal data is due to be forgotten, and forgetting one by
// destroying its key (common/data_keys.hpp, common/retention.hpp).

#include <filesystem>
#include <ostream>
#include <string>

namespace collector {

struct ForgetOptions {
    std::filesystem::path site, data, keys;
    std::string today;  // YYYY-MM-DD, Asia/Shanghai
    std::string call;   // forget: the call
    std::string by;     // forget: who forgets, as the key's tombstone names them
    bool before_due = false;  // forget: also before the day (a withdrawal of consent)
};

// A line per call: its key's state, the day it is due, why. Exit status 0.
int list_retention(const ForgetOptions& o, std::ostream& out);
// Destroys the call's key when it is due (or with before_due); 1 when refused.
int forget_call(const ForgetOptions& o, std::ostream& out);

}  // namespace collector
