#include "common/personal_data.hpp"

#include <cctype>

namespace common {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// GB 11643: the 18th character is a checksum over the first 17 digits.
bool id_checksum_ok(std::string_view id) {
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (id[static_cast<std::size_t>(i)] - '0') * weights[i];
    const char last = static_cast<char>(std::toupper(static_cast<unsigned char>(id[17])));
    return check[sum % 11] == last;
}

bool plausible_birth_date(std::string_view id) {
    const int year = std::stoi(std::string(id.substr(6, 4)));
    const int month = std::stoi(std::string(id.substr(10, 2)));
    const int day = std::stoi(std::string(id.substr(12, 2)));
    return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Mobile numbers are also written 3-4-4 with spaces or hyphens.
std::size_t match_grouped_mobile(std::string_view t, std::size_t i, std::string& digits) {
    static const int groups[3] = {3, 4, 4};
    std::size_t p = i;
    digits.clear();
    for (int g = 0; g < 3; ++g) {
        if (g > 0) {
            if (p < t.size() && (t[p] == ' ' || t[p] == '-')) ++p;
            else return 0;
        }
        for (int k = 0; k < groups[g]; ++k, ++p) {
            if (p >= t.size() || !is_digit(t[p])) return 0;
            digits += t[p];
        }
    }
    if (p < t.size() && is_digit(t[p])) return 0;
    return p - i;
}

}  // namespace

std::vector<PersonalNumber> find_personal_numbers(std::string_view t) {
    std::vector<PersonalNumber> found;
    std::size_t i = 0;
    while (i < t.size()) {
        if (!is_digit(t[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && is_digit(t[j])) ++j;
        const std::size_t run = j - i;
        const bool x_suffix = j < t.size() && (t[j] == 'X' || t[j] == 'x');
        if (run == 17 && x_suffix) {
            const std::string_view id = t.substr(i, 18);
            if (t[i] != '0' && id_checksum_ok(id) && plausible_birth_date(id)) {
                std::string digits(id);
                digits[17] = 'X';
                found.push_back({i, 18, digits, "ID-card number"});
            }
            i = j + 1;
            continue;
        }
        if (run == 18) {
            const std::string_view id = t.substr(i, 18);
            if (t[i] != '0' && id_checksum_ok(id) && plausible_birth_date(id))
                found.push_back({i, 18, std::string(id), "ID-card number"});
        } else if (run == 11 && t[i] == '1' && t[i + 1] >= '3' && t[i + 1] <= '9') {
            found.push_back({i, 11, std::string(t.substr(i, 11)), "mobile number"});
        } else if (run == 3 && t[i] == '1' && t[i + 1] >= '3' && t[i + 1] <= '9') {
            std::string digits;
            if (const std::size_t len = match_grouped_mobile(t, i, digits)) {
                found.push_back({i, len, digits, "mobile number"});
                i += len;
                continue;
            }
        }
        i = j;
    }
    return found;
}

}  // namespace common
