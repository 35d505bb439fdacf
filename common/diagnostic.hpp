#pragma once
// Problems found in a site's sources, reported as "path:line:col: error: message".

#include <cstddef>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace common {

struct Diagnostic {
    std::string path;  // relative to the site root (or an output path under public/)
    int line = 0;      // 1-based; 0 when the problem concerns the whole file
    int col = 0;       // 1-based, in characters; 0 when unknown
    std::string message;
};

std::string format(const Diagnostic& d);

// Thrown by loaders for a problem that stops them reading a file.
class SourceError : public std::runtime_error {
public:
    explicit SourceError(Diagnostic d);
    const Diagnostic& diagnostic() const { return diag_; }

private:
    Diagnostic diag_;
};

[[noreturn]] void fail(const std::string& path, int line, int col, const std::string& message);

struct LineCol {
    int line = 1;
    int col = 1;
};

// 1-based line and column (in UTF-8 characters) of a byte offset in text.
LineCol line_col_at(std::string_view text, std::size_t offset);

// Collects every problem of a run so that all of them are reported at once.
// Safe to use from several threads.
class Diagnostics {
public:
    void add(Diagnostic d);
    void add(const std::string& path, int line, int col, const std::string& message);
    bool empty() const;
    std::size_t size() const;
    // Sorted by path, line and column, so that reports are deterministic.
    std::vector<Diagnostic> sorted() const;

private:
    mutable std::mutex mutex_;
    std::vector<Diagnostic> list_;
};

}  // namespace common
