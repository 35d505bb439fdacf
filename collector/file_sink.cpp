#include "collector/file_sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "common/text.hpp"

namespace collector {

FileSink::FileSink(std::filesystem::path path, std::size_t max_bytes)
    : path_(std::move(path)), max_bytes_(max_bytes), md_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    if (!md_ || EVP_DigestInit_ex(md_.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 unavailable");
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error("cannot create " + path_.string() + ": " + std::strerror(errno));
}

FileSink::~FileSink() {
    if (fd_ >= 0) ::close(fd_);
}

bool FileSink::write(const char* data, std::size_t size) {
    bytes_ += size;
    if (bytes_ > max_bytes_) return false;
    EVP_DigestUpdate(md_.get(), data, size);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd_, data + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::runtime_error("cannot write " + path_.string() + ": " + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    return true;
}

namespace {

std::string final_hex(EVP_MD_CTX* md) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(md, digest, &len);
    return common::to_hex(digest, len);
}

}  // namespace

void FileSink::finish() {
    sha256_ = final_hex(md_.get());
    const int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) throw std::runtime_error("cannot write " + path_.string() + ": " + std::strerror(errno));
}

std::string sha256_of_file(const std::filesystem::path& path) {
    const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!md || EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 unavailable");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) EVP_DigestUpdate(md.get(), buf, static_cast<std::size_t>(in.gcount()));
    return final_hex(md.get());
}

}  // namespace collector
