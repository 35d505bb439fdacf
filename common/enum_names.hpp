#pragma once
// The names of an enumeration's values, as records store them and as people
// read them, kept in one table per enumeration.

#include <cstddef>
#include <optional>
#include <string_view>

namespace common {

template <typename E>
struct EnumName {
    E value;
    const char* key;    // as stored and as the API and CSS name it
    const char* label;  // in Chinese, as pages show it
};

// The row of `value`; the first row for a value the table lacks.
template <typename E, std::size_t N>
constexpr const EnumName<E>& name_of(const EnumName<E> (&table)[N], E value) {
    for (const auto& row : table)
        if (row.value == value) return row;
    return table[0];
}

template <typename E, std::size_t N>
std::optional<E> value_of(const EnumName<E> (&table)[N], std::string_view key) {
    for (const auto& row : table)
        if (key == row.key) return row.value;
    return std::nullopt;
}

}  // namespace common
