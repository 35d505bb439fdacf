#include "common/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace common {

std::string format(const Diagnostic& d) {
    std::string out = d.path;
    if (d.line > 0) {
        out += ':' + std::to_string(d.line);
        if (d.col > 0) out += ':' + std::to_string(d.col);
    }
    out += ": error: " + d.message;
    return out;
}

SourceError::SourceError(Diagnostic d) : std::runtime_error(format(d)), diag_(std::move(d)) {}

void fail(const std::string& path, int line, int col, const std::string& message) {
    throw SourceError(Diagnostic{path, line, col, message});
}

LineCol line_col_at(std::string_view text, std::size_t offset) {
    LineCol lc;
    offset = std::min(offset, text.size());
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++lc.line;
            lc.col = 1;
        } else if ((c & 0xC0) != 0x80) {  // count characters, not continuation bytes
            ++lc.col;
        }
    }
    return lc;
}

void Diagnostics::add(Diagnostic d) {
    std::lock_guard<std::mutex> lock(mutex_);
    list_.push_back(std::move(d));
}

void Diagnostics::add(const std::string& path, int line, int col, const std::string& message) {
    add(Diagnostic{path, line, col, message});
}

bool Diagnostics::empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return list_.empty();
}

std::size_t Diagnostics::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return list_.size();
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> copy;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        copy = list_;
    }
    std::sort(copy.begin(), copy.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.path, a.line, a.col, a.message) < std::tie(b.path, b.line, b.col, b.message);
    });
    copy.erase(std::unique(copy.begin(), copy.end(),
                           [](const Diagnostic& a, const Diagnostic& b) {
                               return std::tie(a.path, a.line, a.col, a.message) ==
                                      std::tie(b.path, b.line, b.col, b.message);
                           }),
               copy.end());
    return copy;
}

}  // namespace common
