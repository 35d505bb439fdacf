#include "generator/writer.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace gen {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_io(const std::string& what, const fs::path& p) {
    throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}

}  // namespace

Writer::Writer(fs::path out, bool dry_run) : out_(std::move(out)), dry_run_(dry_run) {
    if (dry_run_) return;
    out_ = fs::absolute(out_).lexically_normal();
    if (out_.filename().empty()) out_ = out_.parent_path();
    fs::create_directories(out_.parent_path());
    staging_ = out_.parent_path() / ("." + out_.filename().string() + ".staging-" + std::to_string(::getpid()));
    fs::remove_all(staging_);
    fs::create_directory(staging_);
}

Writer::~Writer() {
    if (!dry_run_ && !committed_) {
        std::error_code ec;
        fs::remove_all(staging_, ec);
    }
}

void Writer::prepare(const std::set<std::string>& paths) {
    if (dry_run_) return;
    std::set<std::string> dirs;
    for (const auto& p : paths) {
        const auto slash = p.rfind('/');
        if (slash != std::string::npos) dirs.insert(p.substr(0, slash));
    }
    for (const auto& d : dirs) fs::create_directories(staging_ / d);
}

void Writer::write(const std::string& path, std::string_view bytes) {
    if (dry_run_) return;
    const fs::path target = staging_ / path;
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail_io("cannot create", target);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            fail_io("cannot write", target);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) fail_io("cannot write", target);
}

void Writer::copy(const std::string& path, const fs::path& from) {
    if (dry_run_) return;
    fs::copy_file(from, staging_ / path, fs::copy_options::overwrite_existing);
}

void Writer::commit() {
    if (dry_run_) return;
    if (fs::exists(out_)) {
        // One atomic exchange: readers see the old site or the new one, never a mix.
        if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0)
            fail_io("cannot replace", out_);
        committed_ = true;
        fs::remove_all(staging_);  // now holds the previous output
    } else {
        if (::rename(staging_.c_str(), out_.c_str()) != 0) fail_io("cannot create", out_);
        committed_ = true;
    }
}

}  // namespace gen
