#pragma once
// A 64-bit digest of bytes, for telling within one process whether an
// output or an input is the same as last time (the preview's rebuilds).
// Not for anything kept on disk or shown: std::hash may differ between builds
// of the program, and nothing here resists a chosen collision.

#include <cstdint>
#include <functional>
#include <string_view>

namespace gen {

class Digest {
public:
    // Pieces are digested one by one: "ab" then "c" differs from "a" then "bc",
    // which is what a list of fields needs.
    Digest& add(std::string_view piece) {
        mix(std::hash<std::string_view>{}(piece));
        mix(piece.size());
        return *this;
    }
    Digest& add(std::uint64_t number) {
        mix(number);
        return *this;
    }
    std::uint64_t value() const { return value_; }

private:
    void mix(std::uint64_t v) {
        value_ ^= v + 0x9e3779b97f4a7c15ULL + (value_ << 6) + (value_ >> 2);
    }
    std::uint64_t value_ = 0xcbf29ce484222325ULL;
};

inline std::uint64_t digest_of(std::string_view bytes) { return Digest().add(bytes).value(); }

}  // namespace gen
