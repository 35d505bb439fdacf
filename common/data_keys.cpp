#include "common/data_keys.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/files.hpp"

namespace common {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;

void owner_only_dir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) throw std::runtime_error(dir.string() + ": cannot make the key directory");
    if ((st.st_mode & 077) != 0 && ::chmod(dir.c_str(), 0700) != 0)
        throw std::runtime_error(dir.string() + ": the key directory is open to others and cannot be closed");
}

void sync_path(const fs::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error(path.string() + ": cannot be synced");
    }
    ::close(fd);
}

// Written beside, synced, then linked in: the first key made for a call
// wins, and a crash leaves either no key or the whole key.
bool create_durably(const fs::path& target, const std::string& bytes) {
    const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error(tmp.string() + ": cannot be written");
    const bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
    ::close(fd);
    const bool linked = written && ::link(tmp.c_str(), target.c_str()) == 0;
    ::unlink(tmp.c_str());
    if (!written) throw std::runtime_error(target.string() + ": cannot be written");
    sync_path(target.parent_path(), O_RDONLY | O_DIRECTORY);
    return linked;
}

bool plain_name(const std::string& call) {
    if (call.empty() || call.size() > 100 || call[0] == '-') return false;
    for (char c : call)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    return true;
}

std::optional<std::string> read_key(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (bytes.str().size() != kKeyBytes) throw std::runtime_error(file.string() + ": not a data key");
    return bytes.str();
}

}  // namespace

DataKeys::DataKeys(fs::path dir, Opening opening) : dir_(std::move(dir)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    if (opening == existing && !fs::is_directory(dir_ / "data")) throw std::runtime_error(dir_.string() + ": not a key directory (no data/ folder)");
    owner_only_dir(dir_);
    owner_only_dir(dir_ / "data");
}

fs::path DataKeys::file(const std::string& call, const char* ext) const {
    if (!plain_name(call)) throw std::runtime_error("\"" + call + "\" is not a call's key");
    return dir_ / "data" / (call + ext);
}

std::optional<std::string> DataKeys::key(const std::string& call) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = cache_.find(call); it != cache_.end()) return it->second;
    auto bytes = read_key(file(call, ".key"));
    if (bytes) cache_[call] = *bytes;
    return bytes;
}

KeyState DataKeys::state(const std::string& call) const {
    if (key(call)) return KeyState::present;
    return fs::exists(file(call, ".forgotten")) ? KeyState::forgotten : KeyState::missing;
}

std::string DataKeys::key_for_sealing(const std::string& call) {
    if (auto existing = key(call)) return *existing;
    if (state(call) == KeyState::forgotten) throw std::runtime_error("the personal data of " + call + " was forgotten: nothing more is sealed with its key");
    std::string bytes(kKeyBytes, '\0');
    randombytes_buf(bytes.data(), bytes.size());
    create_durably(file(call, ".key"), bytes);
    // Whoever linked first made the key; everyone uses that one.
    if (auto made = key(call)) return *made;
    throw std::runtime_error(file(call, ".key").string() + ": cannot be read back");
}

bool DataKeys::forget(const std::string& call, const std::string& day, const std::string& by) {
    const fs::path key_file = file(call, ".key");
    if (!fs::exists(key_file)) return false;
    create_durably(file(call, ".forgotten"), "forgotten " + day + " by " + by + "\n");
    {
        std::lock_guard<std::mutex> lock(mutex_);
        cache_.erase(call);
    }
    // Overwritten first, for the disks where that reaches the old blocks.
    if (const int fd = ::open(key_file.c_str(), O_WRONLY | O_CLOEXEC); fd >= 0) {
        const std::string zeros(kKeyBytes, '\0');
        if (::write(fd, zeros.data(), zeros.size()) == static_cast<ssize_t>(zeros.size())) ::fsync(fd);
        ::close(fd);
    }
    fs::remove(key_file);
    sync_path(key_file.parent_path(), O_RDONLY | O_DIRECTORY);
    return true;
}

std::map<std::string, KeyState> DataKeys::calls() const {
    std::map<std::string, KeyState> out;
    for (const std::string& name : list_files(dir_ / "data")) {
        const fs::path p(name);
        if (p.extension() == ".key" || p.extension() == ".forgotten") out[p.stem().string()] = KeyState::missing;
    }
    for (auto& [call, st] : out) st = state(call);
    return out;
}

}  // namespace common
