#pragma once
// The bureau's keys for signing receipts: SM2 signatures over SM3 digests
// (GB/T 39786-2021 expects the national algorithms), through Debian's
// OpenSSL 3.0. The distinguishing ID is always GM/T 0009's
// 1234567812345678, set on both sides: OpenSSL 3.0's default is empty,
// and a signature made under one ID fails under the other.
//
// A key directory (outside the data directory and never committed):
//   KEYID.key   the private key, PKCS#8 PEM, owner-only (0600)
//   KEYID.pem   its public key, SubjectPublicKeyInfo PEM, as the site publishes it
//   current     the id of the key new receipts are signed with
// A key id is the first 16 hex digits of the SM3 of the public key's DER.
// Rotating makes a new key current; the old ones stay, so that receipts
// signed with them still verify.

#include <filesystem>
#include <optional>
#include <string>

namespace collector {

inline constexpr const char* kSm2Id = "1234567812345678";

class ReceiptKeys {
public:
    // The directory's current key; throws std::runtime_error when it has none.
    explicit ReceiptKeys(std::filesystem::path dir);

    // Whether `dir` has a current key.
    static bool present(const std::filesystem::path& dir);
    // A new key in `dir` (created owner-only if missing), made current; its id.
    static std::string generate(const std::filesystem::path& dir);

    const std::string& current() const { return id_; }
    const std::string& public_pem() const { return public_pem_; }
    // The DER signature of `message` with the current key.
    std::string sign(const std::string& message) const;

private:
    std::string id_, private_pem_, public_pem_;
};

// Whether `signature` (DER) is the SM2 signature of `message` under `public_pem`, with kSm2Id.
bool sm2_verify(const std::string& public_pem, const std::string& message, const std::string& signature);
std::string key_id_of(const std::string& public_pem);  // empty when it is not a public key
std::string sm3_hex(const std::string& bytes);
std::optional<std::string> sm3_file_hex(const std::filesystem::path& file);
std::string base64(const std::string& bytes);
std::optional<std::string> unbase64(const std::string& text);  // whitespace ignored

}  // namespace collector
