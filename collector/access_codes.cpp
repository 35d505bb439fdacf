#include "collector/access_codes.hpp"

#include <sodium.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "collector/durable.hpp"
#include "common/text.hpp"

namespace collector {
namespace {

// Codes carry 100 random bits, so moderate Argon2 limits suffice and keep
// memory small while many schools submit at once.
constexpr unsigned long long kOpsLimit = 3;
constexpr std::size_t kMemLimit = 8u * 1024 * 1024;

std::string sha256_hex(const std::string& s) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return common::to_hex(digest, sizeof digest);
}

}  // namespace

std::string normalise_code(const std::string& code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

bool is_valid_unit_id(const std::string& unit) {
    if (unit.empty() || unit.size() > 64 || unit[0] == '-') return false;
    for (char c : unit)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

AccessCodes::AccessCodes(std::filesystem::path data_dir) : layout_(std::move(data_dir)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string AccessCodes::issue(const std::string& unit) {
    if (!is_valid_unit_id(unit)) throw std::invalid_argument("invalid unit id: " + unit);
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // no 0/O, 1/I
    std::string code;
    for (int i = 0; i < 20; ++i) {
        if (i && i % 5 == 0) code += '-';
        code += alphabet[randombytes_uniform(32)];
    }
    char hash[crypto_pwhash_STRBYTES];
    const std::string plain = normalise_code(code);
    if (crypto_pwhash_str(hash, plain.c_str(), plain.size(), kOpsLimit, kMemLimit) != 0)
        throw std::runtime_error("out of memory while hashing the code");
    std::filesystem::create_directories(layout_.access_dir());
    write_durably(layout_.access_hash(unit), std::string(hash) + "\n");
    return code;
}

bool AccessCodes::verify(const std::string& unit, const std::string& code) {
    if (!is_valid_unit_id(unit)) return false;
    std::ifstream in(layout_.access_hash(unit));
    std::string stored;
    if (!in || !std::getline(in, stored) || stored.empty()) return false;
    const std::string plain = normalise_code(code);
    const std::string digest = sha256_hex(plain);
    {
        std::lock_guard<std::mutex> lock(cache_mutex_);
        const auto it = verified_.find(stored);
        if (it != verified_.end())
            return it->second.size() == digest.size() && sodium_memcmp(it->second.data(), digest.data(), digest.size()) == 0;
    }
    {
        std::unique_lock<std::mutex> lock(slots_mutex_);
        slots_free_.wait(lock, [&] { return slots_ > 0; });
        --slots_;
    }
    const bool ok = crypto_pwhash_str_verify(stored.c_str(), plain.c_str(), plain.size()) == 0;
    {
        std::lock_guard<std::mutex> lock(slots_mutex_);
        ++slots_;
    }
    slots_free_.notify_one();
    if (ok) {
        std::lock_guard<std::mutex> lock(cache_mutex_);
        verified_[stored] = digest;
    }
    return ok;
}

}  // namespace collector
