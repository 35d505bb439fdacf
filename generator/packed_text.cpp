#include "generator/packed_text.hpp"

#include <stdexcept>

#include <zstd.h>

namespace gen {

PackedText::PackedText(std::string_view text) : size_(text.size()) {
    packed_.resize(ZSTD_compressBound(text.size()));
    const std::size_t length = ZSTD_compress(packed_.data(), packed_.size(), text.data(), text.size(), 1);
    if (ZSTD_isError(length)) throw std::runtime_error(std::string("zstd could not compress a notice's HTML: ") + ZSTD_getErrorName(length));
    packed_.resize(length);
    packed_.shrink_to_fit();
}

std::string PackedText::text() const {
    std::string out(size_, '\0');
    const std::size_t length = ZSTD_decompress(out.data(), out.size(), packed_.data(), packed_.size());
    if (ZSTD_isError(length) || length != size_) throw std::runtime_error("zstd could not decompress a notice's HTML");
    return out;
}

}  // namespace gen
