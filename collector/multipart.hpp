#pragma once
// A streaming multipart/form-data parser (RFC 7578). Ours rather than
// cpp-httplib 0.11.4's, which drops the first part when its boundary
// straddles a 4 KiB read and refuses "boundary=...; charset=...".
// Bytes go in as they arrive; parts come out through callbacks, so files
// never have to fit in memory.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace collector {

struct PartHeader {
    std::string name;
    std::optional<std::string> filename;  // present for file parts, as the client sent it
    std::string content_type;
};

struct MultipartCallbacks {
    std::function<bool(const PartHeader&)> begin;              // false: stop
    std::function<bool(const char* data, std::size_t size)> data;
    std::function<bool()> end;
};

// The boundary of a Content-Type header value; nullopt unless multipart/form-data.
std::optional<std::string> multipart_boundary(const std::string& content_type);

class MultipartParser {
public:
    MultipartParser(const std::string& boundary, MultipartCallbacks callbacks);

    // Consumes bytes; false on malformed input or when a callback said stop.
    bool feed(const char* data, std::size_t size);
    // True when the closing boundary was seen.
    bool done() const { return state_ == State::epilogue; }
    const std::string& error() const { return error_; }

private:
    enum class State { preamble, after_boundary, headers, body, epilogue, failed };
    bool fail(const std::string& why);
    bool parse_headers(const std::string& block);

    std::string delimiter_;  // "\r\n--" + boundary
    MultipartCallbacks cb_;
    State state_ = State::preamble;
    std::string buf_;
    std::size_t padding_ = 0;  // transport padding seen after the current boundary
    std::string error_;
};

}  // namespace collector
