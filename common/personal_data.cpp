#include "common/personal_data.hpp"

#include <cctype>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/utf8.hpp"

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

// Region codes start with 1 to 8 (provinces 11 to 82); then the birth date.
bool plausible_id(std::string_view id) {
    if (id[0] < '1' || id[0] > '8') return false;
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

// Landlines as the bureau writes them: an area code (010, 02X, or four
// digits from 03) and a 7- or 8-digit number, joined by a hyphen or a space
// or with the code in brackets: 0730-8805708, (0730)8805708, （0730）8805708.
// Returns the length matched from `i`, the brackets included.
std::size_t match_landline(std::string_view t, std::size_t i, std::string& digits) {
    auto take = [&](std::size_t& p, std::string_view s) {
        if (t.compare(p, s.size(), s) != 0) return false;
        p += s.size();
        return true;
    };
    std::size_t p = i;
    const bool bracket = take(p, "(") || take(p, "\xEF\xBC\x88");
    const std::size_t code = p;
    while (p < t.size() && is_digit(t[p])) ++p;
    const std::size_t code_len = p - code;
    if (code_len < 3 || code_len > 4 || t[code] != '0' || t[code + 1] == '0') return 0;
    if ((code_len == 3) != (t[code + 1] == '1' || t[code + 1] == '2')) return 0;
    const bool joined = bracket ? take(p, ")") || take(p, "\xEF\xBC\x89") : take(p, "-") || take(p, " ");
    if (!joined) return 0;
    const std::size_t local = p;
    while (p < t.size() && is_digit(t[p])) ++p;
    const std::size_t local_len = p - local;
    if (local_len < 7 || local_len > 8 || t[local] == '0' || t[local] == '1') return 0;
    digits.assign(t.substr(code, code_len));
    digits.append(t.substr(local, local_len));
    return p - i;
}

// The bytes a number may start at: a digit, "(" and the first of "（"'s.
// The scan reads the text of every page and attachment published, and
// passes over everything else as fast as it can.
struct NumberStarts {
    bool at[256] = {};
    constexpr NumberStarts() {
        for (int c = '0'; c <= '9'; ++c) at[c] = true;
        at[static_cast<unsigned char>('(')] = true;
        at[0xEF] = true;
    }
};
constexpr NumberStarts kNumberStarts;

// The first byte at or after `i` a number may start at, or t.size(). With
// SSE2 (every x86-64), 16 bytes at a time: most of a Chinese text is
// passed over in blocks.
std::size_t next_number_start(std::string_view t, std::size_t i) {
#ifdef __SSE2__
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9), bracket = _mm_set1_epi8('('), wide = _mm_set1_epi8('\xEF');
    for (; i + 16 <= t.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
        const __m128i from_zero = _mm_sub_epi8(v, zero);
        const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(from_zero, nine), from_zero);  // 0 to 9 above '0', unsigned
        const __m128i start = _mm_or_si128(digit, _mm_or_si128(_mm_cmpeq_epi8(v, bracket), _mm_cmpeq_epi8(v, wide)));
        if (const int found = _mm_movemask_epi8(start)) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(found)));
    }
#endif
    while (i < t.size() && !kNumberStarts.at[static_cast<unsigned char>(t[i])]) ++i;
    return i;
}

}  // namespace

std::vector<PersonalNumber> find_personal_numbers(std::string_view t) {
    std::vector<PersonalNumber> found;
    std::string digits;
    std::size_t i = 0;
    while ((i = next_number_start(t, i)) < t.size()) {
        if (t[i] == '(' || t[i] == '\xEF') {
            const std::size_t len = t[i] == '(' || t.compare(i, 3, "\xEF\xBC\x88") == 0 ? match_landline(t, i, digits) : 0;
            if (len) found.push_back({i, len, digits, "landline number"});
            i += len ? len : 1;
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && is_digit(t[j])) ++j;
        const std::size_t run = j - i;
        const bool x_suffix = j < t.size() && (t[j] == 'X' || t[j] == 'x');
        if ((run == 17 && x_suffix) || run == 18) {
            // A wrong checksum is still someone's number, mistyped.
            std::string id(t.substr(i, 18));
            id[17] = static_cast<char>(std::toupper(static_cast<unsigned char>(id[17])));
            if (plausible_id(id))
                found.push_back({i, 18, id, id_checksum_ok(id) ? "ID-card number" : "ID-card number with a wrong checksum"});
            i = i + 18;
            continue;
        }
        if (run == 11 && t[i] == '1' && t[i + 1] >= '3' && t[i + 1] <= '9') {
            found.push_back({i, 11, std::string(t.substr(i, 11)), "mobile number"});
        } else if (run == 3 && t[i] == '1' && t[i + 1] >= '3' && t[i + 1] <= '9') {
            if (const std::size_t len = match_grouped_mobile(t, i, digits)) {
                found.push_back({i, len, digits, "mobile number"});
                i += len;
                continue;
            }
        } else if (run == 3 || run == 4) {
            if (const std::size_t len = match_landline(t, i, digits)) {
                found.push_back({i, len, digits, "landline number"});
                i += len;
                continue;
            }
        }
        i = j;
    }
    return found;
}

namespace {

// Labels after which a form or a list names a person.
constexpr std::string_view kNameLabels[] = {"负责人", "联系人", "填表人", "经办人", "申报人", "姓名"};

// What stands between a label and its value: a colon, spaces, JSON's quotes.
bool is_label_separator(char32_t c) { return c == U'：' || c == ':' || c == ' ' || c == U'\u3000' || c == '"' || c == '\t' || c == '='; }

}  // namespace

std::vector<PersonalName> find_personal_names(std::string_view t) {
    std::vector<PersonalName> found;
    for (std::string_view label : kNameLabels) {
        for (std::size_t at = t.find(label); at != std::string_view::npos; at = t.find(label, at + label.size())) {
            std::size_t p = at + label.size();
            int separators = 0;
            while (p < t.size() && separators < 4) {
                std::size_t next = p;
                if (!is_label_separator(next_code_point(t, next))) break;
                p = next;
                ++separators;
            }
            // "联系人电话" is a label too: a name follows a separator.
            if (separators == 0) continue;
            // Chinese names are two or three characters; a longer run is a
            // unit or a title (信息技术中心).
            const std::size_t start = p;
            int chars = 0;
            std::size_t end = p;
            while (end < t.size()) {
                std::size_t next = end;
                if (!is_han(next_code_point(t, next))) break;
                end = next;
                ++chars;
            }
            if (chars >= 2 && chars <= 3) found.push_back({start, end - start, std::string(t.substr(start, end - start)), std::string(label)});
        }
    }
    return found;
}

}  // namespace common
