#pragma once
// Finds numbers that identify a person: mainland mobile numbers and
// resident ID-card numbers. Used to stop them reaching public output.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace common {

struct PersonalNumber {
    std::size_t offset = 0;  // byte offset in the scanned text
    std::size_t length = 0;  // bytes, separators included
    std::string digits;      // normalised: digits (and a final X) only
    const char* kind = "";   // "mobile number" or "ID-card number"
};

std::vector<PersonalNumber> find_personal_numbers(std::string_view text);

}  // namespace common
