#include "collector/durable.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "common/files.hpp"
#include "common/text.hpp"

namespace collector {

namespace {
[[noreturn]] void fail(const std::string& what, const std::filesystem::path& p) {
    throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}
}  // namespace

void fsync_path(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("cannot open", path);
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) fail("cannot fsync", path);
}

void write_unsynced(const std::filesystem::path& path, std::string_view bytes) { common::write_file(path, bytes); }

void write_synced(const std::filesystem::path& path, std::string_view bytes) {
    const int fd = common::create_and_write(path, bytes);
    const int synced = ::fsync(fd);
    if (::close(fd) != 0 || synced != 0) fail("cannot fsync", path);
}

void write_durably(const std::filesystem::path& path, std::string_view bytes) {
    const std::filesystem::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp-" + random_token(6));
    try {
        write_synced(tmp, bytes);
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        fail("cannot rename", tmp);
    }
    fsync_path(path.parent_path());
}

std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    return common::to_hex(raw.data(), raw.size());
}

}  // namespace collector
