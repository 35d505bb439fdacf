#include "generator/packed_text.hpp"

#include <stdexcept>

#include <zlib.h>

namespace gen {

PackedText::PackedText(std::string_view text) : size_(text.size()) {
    uLongf length = compressBound(static_cast<uLong>(text.size()));
    deflated_.resize(length);
    if (compress2(reinterpret_cast<Bytef*>(deflated_.data()), &length, reinterpret_cast<const Bytef*>(text.data()), static_cast<uLong>(text.size()),
                  Z_BEST_SPEED) != Z_OK)
        throw std::runtime_error("zlib could not deflate a notice's HTML");
    deflated_.resize(length);
    deflated_.shrink_to_fit();
}

std::string PackedText::text() const {
    std::string out(size_, '\0');
    uLongf length = static_cast<uLongf>(size_);
    if (uncompress(reinterpret_cast<Bytef*>(out.data()), &length, reinterpret_cast<const Bytef*>(deflated_.data()), static_cast<uLong>(deflated_.size())) !=
            Z_OK ||
        length != size_)
        throw std::runtime_error("zlib could not inflate a notice's HTML");
    return out;
}

}  // namespace gen
