#include "generator/writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/files.hpp"
#include "generator/digest.hpp"

namespace gen {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_io(const std::string& what, const fs::path& p) {
    throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}

}  // namespace

Writer::Writer(fs::path out, bool dry_run) : out_(std::move(out)), dry_run_(dry_run) {
    if (!dry_run_) make_staging();
}

Writer::Writer(fs::path out, OutputDigests& held) : out_(std::move(out)), dry_run_(false), held_(&held), build_(++held.builds) {
    make_staging();
}

void Writer::make_staging() {
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

namespace {

// Another thread may create the same directory at the same time: EEXIST is fine.
void make_parents(const fs::path& target, const fs::path& root) {
    const fs::path dir = target.parent_path();
    if (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) return;
    if (errno != ENOENT || dir == root) fail_io("cannot create", dir);
    make_parents(dir, root);
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) fail_io("cannot create", dir);
}

// The directories a removed file leaves empty go too: a clean build has none.
void remove_with_empty_parents(const fs::path& file, const fs::path& root) {
    if (::unlink(file.c_str()) != 0 && errno != ENOENT) fail_io("cannot remove", file);
    for (fs::path dir = file.parent_path(); dir != root && ::rmdir(dir.c_str()) == 0;) dir = dir.parent_path();
}

// A copy's bytes are its source's, unread: only the caller knows whether it
// changed (keep()), so a copy is always staged.
std::uint64_t copy_digest(const fs::path& from) { return Digest().add("copy of").add(from.native()).value(); }

}  // namespace

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
    make_parents(staging_ / path, staging_);
    std::lock_guard<std::mutex> lock(dirs_mutex_);
    dirs_.insert(std::move(dir));
}

// One path is written by one thread (the output plan has one source for
// each), so its entry is that thread's to mark.
bool Writer::differs(const std::string& path, std::uint64_t digest) {
    const auto before = held_->files.find(path);
    if (before != held_->files.end()) {
        before->second.made_by = build_;
        before->second.next_digest = digest;
        if (before->second.digest == digest) return false;
    }
    std::lock_guard<std::mutex> lock(next_mutex_);
    if (before == held_->files.end()) added_[path] = digest;
    staged_.insert(path);
    return true;
}

bool Writer::keep(const std::string& path) {
    if (!held_) return false;
    const auto before = held_->files.find(path);
    if (before == held_->files.end()) return false;
    before->second.made_by = build_;
    before->second.next_digest = before->second.digest;
    return true;
}

void Writer::write(const std::string& path, std::string_view bytes) {
    if (dry_run_) return;
    if (held_ && !differs(path, digest_of(bytes))) return;
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
    Digest digest;
    try {
        produce([&](std::string_view piece) {
            digest.add(piece);
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
    if (held_ && !differs(path, digest.value())) fs::remove(target);
}

void Writer::copy(const std::string& path, const fs::path& from, bool may_link) {
    if (dry_run_) return;
    if (held_) differs(path, copy_digest(from));
    // A hard link costs one system call and no data; the output's files are
    // replaced, never edited. Across file systems, copy. A symbolic link (one
    // inside the site) is followed: the output holds files, never links.
    ensure_parent(path);
    const fs::path target = staging_ / path;
    if (may_link && ::linkat(AT_FDCWD, from.c_str(), AT_FDCWD, target.c_str(), AT_SYMLINK_FOLLOW) == 0) return;
    fs::copy_file(from, target, fs::copy_options::overwrite_existing);
}

void Writer::commit() {
    if (dry_run_) return;
    if (held_) return commit_in_place();
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

void Writer::publish_staged() {
    if (dry_run_ || !held_ || held_->empty()) return;
    move_staged();
}

void Writer::move_staged() {
    fs::create_directories(out_);
    for (const std::string& path : staged_) {
        const fs::path target = out_ / path;
        make_parents(target, out_);
        if (::rename((staging_ / path).c_str(), target.c_str()) != 0) fail_io("cannot replace", target);
    }
    staged_.clear();
}

// Readers may see some files of the new build beside the old ones for a
// moment: the preview's, which reload once it is done.
void Writer::commit_in_place() {
    // The first build: everything is new, and one rename puts it in place.
    const bool first = held_->empty() && !fs::exists(out_);
    if (first) {
        if (::rename(staging_.c_str(), out_.c_str()) != 0) fail_io("cannot create", out_);
    } else {
        move_staged();
        for (auto it = held_->files.begin(); it != held_->files.end();) {
            if (it->second.made_by == build_) {
                it->second.digest = it->second.next_digest;
                ++it;
            } else {
                remove_with_empty_parents(out_ / it->first, out_);
                it = held_->files.erase(it);
            }
        }
    }
    for (const auto& [path, digest] : added_) held_->files.emplace(path, OutputFile{digest, build_, digest});
    committed_ = true;
    if (!first) fs::remove_all(staging_);
}

}  // namespace gen
