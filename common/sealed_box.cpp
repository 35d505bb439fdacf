#include "common/sealed_box.hpp"

#include <sodium.h>

#include <stdexcept>

#include "common/base64.hpp"

namespace common {
namespace {

const unsigned char* bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

SealedBox seal(const std::string& key, const std::string& record_name, const nlohmann::json& plain) {
    if (key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) throw std::logic_error("a data key has 32 bytes");
    SealedBox out;
    for (const auto& [member, value] : plain.items()) out.members.push_back(member);
    const std::string message = plain.dump();
    unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    randombytes_buf(nonce, sizeof nonce);
    std::string cipher(message.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long cipher_size = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(cipher.data()), &cipher_size, bytes(message), message.size(),
                                               bytes(record_name), record_name.size(), nullptr, nonce, bytes(key));
    out.nonce = to_base64(std::string_view(reinterpret_cast<const char*>(nonce), sizeof nonce));
    out.box = to_base64(std::string_view(reinterpret_cast<const char*>(cipher.data()), static_cast<std::size_t>(cipher_size)));
    return out;
}

std::optional<nlohmann::json> open(const std::string& key, const std::string& record_name, const SealedBox& box) {
    const auto nonce = from_base64(box.nonce), cipher = from_base64(box.box);
    if (!nonce || !cipher || key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES ||
        nonce->size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES || cipher->size() < crypto_aead_xchacha20poly1305_ietf_ABYTES)
        return std::nullopt;
    std::string message(cipher->size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long size = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(message.data()), &size, nullptr, bytes(*cipher), cipher->size(),
                                                   bytes(record_name), record_name.size(), bytes(*nonce), bytes(key)) != 0)
        return std::nullopt;
    message.resize(static_cast<std::size_t>(size));
    nlohmann::json plain = nlohmann::json::parse(message, nullptr, false);
    if (!plain.is_object()) return std::nullopt;
    return plain;
}

nlohmann::json to_json(const SealedBox& box) { return {{"members", box.members}, {"nonce", box.nonce}, {"box", box.box}}; }

}  // namespace common
