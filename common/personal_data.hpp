#pragma once
// Finds what identifies a person: mainland mobile and landline numbers,
// resident ID-card numbers (with a right or wrong checksum) and names
// written after a label such as 负责人. Used to stop them reaching public
// output.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace common {

struct PersonalNumber {
    std::size_t offset = 0;  // byte offset in the scanned text
    std::size_t length = 0;  // bytes, separators included
    std::string digits;      // normalised: digits (and a final X) only
    const char* kind = "";   // "mobile number", "landline number", "ID-card number", "ID-card number with a wrong checksum"
};

std::vector<PersonalNumber> find_personal_numbers(std::string_view text);

struct PersonalName {
    std::size_t offset = 0;  // byte offset in the scanned text
    std::size_t length = 0;  // bytes
    std::string name;
    std::string label;       // 负责人, 联系人, ...
};

// Two or three Han characters after a label and a separator: "负责人：张三",
// "\"联系人\": \"李四\"". Ordered by label, then by position.
std::vector<PersonalName> find_personal_names(std::string_view text);

}  // namespace common
