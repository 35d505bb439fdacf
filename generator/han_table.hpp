#pragma once
// A table from Han keys (han_key in search_tokens.hpp) to values, for the
// search index's lists: tens of millions of lookups at 10,000 notices,
// nearly all of a key already there. Open addressing in one array, so that
// a lookup is a multiply and a probe or two, not a division and a chase
// through a node as in std::unordered_map.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace gen {

template <typename Value>
class HanTable {
public:
    // `key` is never 0: no Han character is code point 0.
    Value& operator[](std::uint64_t key) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        std::size_t i = slot_of(key);
        for (; slots_[i].key; i = (i + 1) & mask())
            if (slots_[i].key == key) return slots_[i].value;
        ++used_;
        slots_[i].key = key;
        return slots_[i].value;
    }
    const Value* find(std::uint64_t key) const {
        if (slots_.empty()) return nullptr;
        for (std::size_t i = slot_of(key); slots_[i].key; i = (i + 1) & mask())
            if (slots_[i].key == key) return &slots_[i].value;
        return nullptr;
    }
    std::size_t size() const { return used_; }
    bool empty() const { return used_ == 0; }
    // f(key, value) for each key, in the order of the slots.
    template <typename F>
    void each(F&& f) {
        for (Slot& s : slots_)
            if (s.key) f(s.key, s.value);
    }
    template <typename F>
    void each(F&& f) const {
        for (const Slot& s : slots_)
            if (s.key) f(s.key, s.value);
    }

private:
    struct Slot {
        std::uint64_t key = 0;
        Value value;
    };

    std::size_t mask() const { return slots_.size() - 1; }
    // Fibonacci hashing: the key's high bits (its first character) and low
    // bits (its second) both reach the slot's bits.
    std::size_t slot_of(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_) & mask();
    }
    void grow() {
        std::vector<Slot> old(slots_.empty() ? 1024 : slots_.size() * 2);
        old.swap(slots_);
        shift_ = 64;
        for (std::size_t n = slots_.size(); n > 1; n >>= 1) --shift_;
        for (Slot& s : old) {
            if (!s.key) continue;
            std::size_t i = slot_of(s.key);
            while (slots_[i].key) i = (i + 1) & mask();
            slots_[i] = std::move(s);
        }
    }

    std::vector<Slot> slots_;
    std::size_t used_ = 0;
    int shift_ = 64;
};

}  // namespace gen
