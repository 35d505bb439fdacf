#include "collector/secret_hash.hpp"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

#include "common/text.hpp"

namespace collector {
namespace {

// Secrets carry 80 random bits and guesses are limited per account and
// address, so moderate Argon2 limits suffice and keep memory small while
// many schools submit at once.
constexpr unsigned long long kOpsLimit = 3;
constexpr std::size_t kMemLimit = 8u * 1024 * 1024;

std::string sha256_hex(const std::string& s) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return common::to_hex(digest, sizeof digest);
}

}  // namespace

std::string make_secret(int groups) {
    const std::size_t letters = sizeof kSecretAlphabet - 1;
    std::string secret;
    for (int g = 0; g < groups; ++g) {
        if (g) secret += '-';
        for (std::size_t i = 0; i < kGroupLength; ++i) secret += kSecretAlphabet[randombytes_uniform(letters)];
    }
    return secret;
}

std::string normalise_code(const std::string& code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

bool in_secret_alphabet(const std::string& s) {
    for (char c : s)
        if (c == '\0' || !std::strchr(kSecretAlphabet, c)) return false;
    return true;
}

SecretHasher::SecretHasher() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string SecretHasher::hash(const std::string& secret) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, secret.c_str(), secret.size(), kOpsLimit, kMemLimit) != 0)
        throw std::runtime_error("out of memory while hashing a secret");
    return out;
}

bool SecretHasher::verify(const std::string& stored, const std::string& secret) {
    const std::string digest = sha256_hex(secret);
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
    const bool ok = crypto_pwhash_str_verify(stored.c_str(), secret.c_str(), secret.size()) == 0;
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
