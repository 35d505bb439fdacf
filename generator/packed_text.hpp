#pragma once
// Text held deflated while it waits for its one reader: a notice's HTML is
// made when the notices are linked and read by its page, seconds later at
// 10,000 notices, where the HTML of all of them (48 MB) sat at the build's
// peak of memory. zlib's fastest level: a third of the size, for 0.4 s
// more of the link phase at 10,000 notices on two cores.

#include <cstddef>
#include <string>
#include <string_view>

namespace gen {

class PackedText {
public:
    explicit PackedText(std::string_view text);
    // Throws std::runtime_error if zlib fails, which it does not on its own output.
    std::string text() const;

private:
    std::string deflated_;
    std::size_t size_;
};

}  // namespace gen
