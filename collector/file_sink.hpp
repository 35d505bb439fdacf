#pragma once
// An uploaded file on its way to disk: written as it arrives, hashed
// (SHA-256) and counted on the way, never held in memory.

#include <openssl/evp.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace collector {

class FileSink {
public:
    FileSink(std::filesystem::path path, std::size_t max_bytes);
    ~FileSink();
    FileSink(const FileSink&) = delete;
    FileSink& operator=(const FileSink&) = delete;

    bool write(const char* data, std::size_t size);  // false once over max_bytes
    void finish();  // close; durability comes from the staging directory's syncfs
    std::size_t bytes() const { return bytes_; }
    std::string sha256_hex() const { return sha256_; }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    std::size_t max_bytes_;
    std::size_t bytes_ = 0;
    int fd_ = -1;
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> md_;
    std::string sha256_;
};

// The SHA-256 of a file already on disk, in lowercase hex, as FileSink reports it.
std::string sha256_of_file(const std::filesystem::path& path);

}  // namespace collector
