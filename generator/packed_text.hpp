#pragma once
// Text held compressed while it waits for its one reader: a notice's HTML is
// made when the notices are linked and read by its page, seconds later at
// 10,000 notices, where the HTML of all of them (48 MB) sat at the build's
// peak of memory. zstd's level 1: 40% of the size, at a third of the time
// zlib's fastest level took for the same (0.3 s of one core at 10,000 notices).

#include <cstddef>
#include <string>
#include <string_view>

namespace gen {

class PackedText {
public:
    explicit PackedText(std::string_view text);
    // Throws std::runtime_error if zstd fails, which it does not on its own output.
    std::string text() const;

private:
    std::string packed_;
    std::size_t size_;
};

}  // namespace gen
