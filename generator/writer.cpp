#include "generator/writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/files.hpp"

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

// Another thread may create the same directory at the same time: EEXIST is fine.
void Writer::make_parents(const fs::path& target) {
    const fs::path dir = target.parent_path();
    if (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) return;
    if (errno != ENOENT || dir == staging_) fail_io("cannot create", dir);
    make_parents(dir);
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) fail_io("cannot create", dir);
}

// Remembers created directories, so that no system call is spent on a
// failed open or a second mkdir.
void Writer::ensure_parent(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return;
    std::string dir = path.substr(0, slash);
    {
        std::lock_guard<std::mutex> lock(dirs_mutex_);
        if (dirs_.count(dir)) return;
    }
    make_parents(staging_ / path);
    std::lock_guard<std::mutex> lock(dirs_mutex_);
    dirs_.insert(std::move(dir));
}

void Writer::write(const std::string& path, std::string_view bytes) {
    if (dry_run_) return;
    ensure_parent(path);
    const fs::path target = staging_ / path;
    common::write_file(target, bytes);
}

void Writer::write_pieces(const std::string& path, const Pieces& produce) {
    if (dry_run_) {
        produce([](std::string_view) {});
        return;
    }
    ensure_parent(path);
    const fs::path target = staging_ / path;
    int fd = common::create_and_write(target, {});
    try {
        produce([&](std::string_view piece) {
            for (std::size_t done = 0; done < piece.size();) {
                const ssize_t n = ::write(fd, piece.data() + done, piece.size() - done);
                if (n < 0 && errno == EINTR) continue;
                if (n < 0) fail_io("cannot write", target);
                done += static_cast<std::size_t>(n);
            }
        });
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) fail_io("cannot write", target);
}

void Writer::copy(const std::string& path, const fs::path& from, bool may_link) {
    if (dry_run_) return;
    // A hard link costs one system call and no data; the output is rebuilt,
    // never edited in place. Across file systems, copy. A symbolic link (one
    // inside the site) is followed: the output holds files, never links.
    ensure_parent(path);
    const fs::path target = staging_ / path;
    if (may_link && ::linkat(AT_FDCWD, from.c_str(), AT_FDCWD, target.c_str(), AT_SYMLINK_FOLLOW) == 0) return;
    fs::copy_file(from, target, fs::copy_options::overwrite_existing);
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
