#include "collector/receipt_keys.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <vector>

#include "collector/durable.hpp"

namespace collector {
namespace fs = std::filesystem;
namespace {

struct Free {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
    void operator()(BIO* b) const { BIO_free(b); }
};
using Key = std::unique_ptr<EVP_PKEY, Free>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, Free>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Free>;
using Bio = std::unique_ptr<BIO, Free>;

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string hex(const unsigned char* bytes, std::size_t n) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

Key private_key(const std::string& pem) {
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    return Key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

Key public_key(const std::string& pem) {
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    return Key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

std::string pem_of(EVP_PKEY* key, bool secret) {
    Bio bio(BIO_new(BIO_s_mem()));
    const int ok = secret ? PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) : PEM_write_bio_PUBKEY(bio.get(), key);
    if (!ok) throw std::runtime_error("cannot write an SM2 key");
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
}

// A digest context for SM2 with SM3 and the GM/T 0009 ID, for signing or verifying with `key`.
DigestContext sm2_context(EVP_PKEY* key, bool signing) {
    DigestContext md(EVP_MD_CTX_new());
    KeyContext pctx(EVP_PKEY_CTX_new(key, nullptr));
    if (!md || !pctx || EVP_PKEY_CTX_set1_id(pctx.get(), kSm2Id, std::char_traits<char>::length(kSm2Id)) <= 0) return nullptr;
    EVP_MD_CTX_set_pkey_ctx(md.get(), pctx.get());
    const int ok = signing ? EVP_DigestSignInit(md.get(), nullptr, EVP_sm3(), nullptr, key) : EVP_DigestVerifyInit(md.get(), nullptr, EVP_sm3(), nullptr, key);
    if (ok <= 0) return nullptr;
    pctx.release();  // the digest context owns it now (EVP_MD_CTX_set_pkey_ctx)
    return md;
}

void write_private(const fs::path& file, const std::string& text) {
    write_durably(file, text);
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
}

}  // namespace

std::string sm3_hex(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &n, EVP_sm3(), nullptr);
    return hex(digest, n);
}

std::optional<std::string> sm3_file_hex(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    DigestContext md(EVP_MD_CTX_new());
    if (!md || EVP_DigestInit_ex(md.get(), EVP_sm3(), nullptr) <= 0) return std::nullopt;
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        EVP_DigestUpdate(md.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(md.get(), digest, &n);
    return hex(digest, n);
}

std::string base64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> unbase64(const std::string& text) {
    std::string clean;
    for (char c : text)
        if (c != '\n' && c != '\r' && c != ' ' && c != '\t') clean += c;
    if (clean.size() % 4 != 0) return std::nullopt;
    std::string out(clean.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(clean.data()),
                                  static_cast<int>(clean.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as bytes.
    std::size_t length = static_cast<std::size_t>(n);
    for (std::size_t i = clean.size(); i > 0 && clean[i - 1] == '='; --i) --length;
    out.resize(length);
    return out;
}

std::string key_id_of(const std::string& pem) {
    const Key key = public_key(pem);
    if (!key) return "";
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(key.get(), &der);
    if (n <= 0) return "";
    const std::string id = sm3_hex(std::string(reinterpret_cast<char*>(der), static_cast<std::size_t>(n))).substr(0, 16);
    OPENSSL_free(der);
    return id;
}

std::string ReceiptKeys::generate(const fs::path& dir) {
    KeyContext ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
    EVP_PKEY* made = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 || EVP_PKEY_generate(ctx.get(), &made) <= 0) throw std::runtime_error("cannot make an SM2 key");
    const Key key(made);
    const std::string public_pem = pem_of(key.get(), false);
    const std::string id = key_id_of(public_pem);
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    write_private(dir / (id + ".key"), pem_of(key.get(), true));
    write_durably(dir / (id + ".pem"), public_pem);
    // Last: until the key is whole on disk, the previous one stays current.
    write_durably(dir / "current", id + "\n");
    return id;
}

bool ReceiptKeys::present(const fs::path& dir) { return fs::exists(dir / "current"); }

ReceiptKeys::ReceiptKeys(fs::path dir) {
    const std::string current = read_text(dir / "current");
    id_ = current.substr(0, current.find('\n'));
    private_pem_ = read_text(dir / (id_ + ".key"));
    public_pem_ = read_text(dir / (id_ + ".pem"));
    if (!private_key(private_pem_) || key_id_of(public_pem_) != id_) throw std::runtime_error("the receipt key " + id_ + " in " + dir.string() + " does not read");
}

std::string ReceiptKeys::sign(const std::string& message) const {
    const Key key = private_key(private_pem_);
    const DigestContext md = key ? sm2_context(key.get(), true) : nullptr;
    std::size_t n = 0;
    if (!md || EVP_DigestSign(md.get(), nullptr, &n, reinterpret_cast<const unsigned char*>(message.data()), message.size()) <= 0)
        throw std::runtime_error("cannot sign with the receipt key " + id_);
    std::string signature(n, '\0');
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(signature.data()), &n, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) <= 0)
        throw std::runtime_error("cannot sign with the receipt key " + id_);
    signature.resize(n);
    return signature;
}

bool sm2_verify(const std::string& public_pem, const std::string& message, const std::string& signature) {
    const Key key = public_key(public_pem);
    const DigestContext md = key ? sm2_context(key.get(), false) : nullptr;
    return md && EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                  reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

}  // namespace collector
