#pragma once
// The secrets the collector issues and checks: the secret part of an access
// code and a staff member's password. They come from libsodium's CSPRNG and
// only their Argon2id hash (crypto_pwhash_str) is ever stored.

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

namespace collector {

// Characters of every issued code and password: no 0/O and 1/I to confuse
// when a code is read aloud or copied from paper.
inline constexpr char kSecretAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
inline constexpr std::size_t kGroupLength = 4;

// `groups` random groups of kGroupLength characters joined by hyphens, five
// bits each: "K7M2-9QXD-...".
std::string make_secret(int groups);
// Upper-case, without spaces and hyphens: how codes and passwords are compared.
std::string normalise_code(const std::string& code);
// True if every character of `s` is one an issued secret can hold.
bool in_secret_alphabet(const std::string& s);

class SecretHasher {
public:
    SecretHasher();  // initialises libsodium
    SecretHasher(const SecretHasher&) = delete;
    SecretHasher& operator=(const SecretHasher&) = delete;

    std::string hash(const std::string& secret) const;
    // True if `secret` is the one `stored` (a hash) was made from.
    bool verify(const std::string& stored, const std::string& secret);

private:
    // Argon2 needs memory: at most two verifications at a time (one per core).
    std::mutex slots_mutex_;
    std::condition_variable slots_free_;
    int slots_ = 2;
    // Secrets already verified, by stored hash: a unit's later submissions
    // cost a comparison, not another Argon2 run.
    std::mutex cache_mutex_;
    std::map<std::string, std::string> verified_;  // stored hash -> SHA-256 of the secret
};

}  // namespace collector
