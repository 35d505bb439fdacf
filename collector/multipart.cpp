#include "collector/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace collector {
namespace {

constexpr std::size_t kMaxHeaderBlock = 16 * 1024;
constexpr std::size_t kMaxPadding = 256;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Parameters of a header value: `form-data; name="a"; filename="b"`.
// Quoted strings may contain ';' and escaped quotes.
std::optional<std::string> header_param(const std::string& value, const std::string& key) {
    std::size_t i = value.find(';');
    while (i != std::string::npos && i < value.size()) {
        ++i;
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        const std::size_t eq = value.find('=', i);
        if (eq == std::string::npos) return std::nullopt;
        const std::string name = lower(trim(value.substr(i, eq - i)));
        std::size_t j = eq + 1;
        std::string v;
        if (j < value.size() && value[j] == '"') {
            for (++j; j < value.size() && value[j] != '"'; ++j) {
                if (value[j] == '\\' && j + 1 < value.size()) ++j;
                v += value[j];
            }
            ++j;
        } else {
            while (j < value.size() && value[j] != ';') v += value[j++];
            v = trim(v);
        }
        if (name == key) return v;
        i = value.find(';', j);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(const std::string& content_type) {
    const std::string type = lower(trim(content_type.substr(0, content_type.find(';'))));
    if (type != "multipart/form-data") return std::nullopt;
    auto b = header_param(content_type, "boundary");
    if (!b || b->empty() || b->size() > 70) return std::nullopt;
    return b;
}

MultipartParser::MultipartParser(const std::string& boundary, MultipartCallbacks callbacks)
    : delimiter_("\r\n--" + boundary), cb_(std::move(callbacks)), buf_("\r\n") {}
// buf_ starts with CRLF so that a body that opens with its boundary matches
// the same delimiter as every later one.

bool MultipartParser::fail(const std::string& why) {
    state_ = State::failed;
    error_ = why;
    return false;
}

bool MultipartParser::parse_headers(const std::string& block) {
    PartHeader h;
    bool disposition = false;
    std::size_t pos = 0;
    while (pos < block.size()) {
        std::size_t end = block.find("\r\n", pos);
        if (end == std::string::npos) end = block.size();
        const std::string line = block.substr(pos, end - pos);
        pos = end + 2;
        const auto colon = line.find(':');
        if (colon == std::string::npos) return fail("malformed part header");
        const std::string name = lower(trim(line.substr(0, colon)));
        const std::string value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
            if (lower(trim(value.substr(0, value.find(';')))) != "form-data") return fail("part is not form-data");
            const auto n = header_param(value, "name");
            if (!n) return fail("part has no name");
            h.name = *n;
            h.filename = header_param(value, "filename");
            disposition = true;
        } else if (name == "content-type") {
            h.content_type = value;
        }
    }
    if (!disposition) return fail("part has no Content-Disposition");
    if (cb_.begin && !cb_.begin(h)) return fail("refused part \"" + h.name + "\"");
    return true;
}

bool MultipartParser::feed(const char* data, std::size_t size) {
    if (state_ == State::failed) return false;
    if (state_ == State::epilogue) return true;  // anything after the close is ignored
    buf_.append(data, size);
    while (true) {
        switch (state_) {
            case State::preamble: {
                const auto at = buf_.find(delimiter_);
                if (at == std::string::npos) {
                    // Keep only what could still be the start of a delimiter.
                    if (buf_.size() > delimiter_.size()) buf_.erase(0, buf_.size() - delimiter_.size());
                    return true;
                }
                buf_.erase(0, at + delimiter_.size());
                state_ = State::after_boundary;
                break;
            }
            case State::after_boundary: {
                // Transport padding (spaces, tabs) may follow a boundary:
                // consumed as it comes, and only a little of it.
                std::size_t i = 0;
                while (i < buf_.size() && (buf_[i] == ' ' || buf_[i] == '\t')) ++i;
                padding_ += i;
                buf_.erase(0, i);
                if (padding_ > kMaxPadding) return fail("malformed boundary line");
                if (buf_.size() < 2) return true;
                padding_ = 0;
                if (buf_.compare(0, 2, "--") == 0) {
                    buf_.clear();
                    state_ = State::epilogue;
                    return true;
                }
                if (buf_.compare(0, 2, "\r\n") != 0) return fail("malformed boundary line");
                buf_.erase(0, 2);
                state_ = State::headers;
                break;
            }
            case State::headers: {
                const auto end = buf_.find("\r\n\r\n");
                if (end == std::string::npos) {
                    if (buf_.size() > kMaxHeaderBlock) return fail("part headers too long");
                    return true;
                }
                if (end > kMaxHeaderBlock) return fail("part headers too long");
                const std::string block = buf_.substr(0, end);
                buf_.erase(0, end + 4);
                if (!parse_headers(block)) return false;
                state_ = State::body;
                break;
            }
            case State::body: {
                const auto at = buf_.find(delimiter_);
                if (at == std::string::npos) {
                    // Everything but a possible partial delimiter at the end is data.
                    if (buf_.size() >= delimiter_.size()) {
                        const std::size_t safe = buf_.size() - (delimiter_.size() - 1);
                        if (cb_.data && !cb_.data(buf_.data(), safe)) return fail("stopped while receiving data");
                        buf_.erase(0, safe);
                    }
                    return true;
                }
                if (at > 0 && cb_.data && !cb_.data(buf_.data(), at)) return fail("stopped while receiving data");
                if (cb_.end && !cb_.end()) return fail("stopped after a part");
                buf_.erase(0, at + delimiter_.size());
                state_ = State::after_boundary;
                break;
            }
            case State::epilogue:
                return true;
            case State::failed:
                return false;
        }
    }
}

}  // namespace collector
