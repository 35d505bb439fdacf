#include "office/office_zip.hpp"

#include <memory>
#include <stdexcept>

#include <zip.h>

namespace office {
namespace {

// The earliest date a zip entry can hold, in MS-DOS form (day 1, month 1, 1980).
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;

[[noreturn]] void fail(const std::string& what, zip_error_t* error) {
    const std::string message = "zip: " + what + ": " + zip_error_strerror(error);
    throw std::runtime_error(message);
}

struct SourceCloser {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};

}  // namespace

std::string zip_package(const std::vector<ZipEntry>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    // The archive is assembled in a memory buffer that outlives zip_close.
    std::unique_ptr<zip_source_t, SourceCloser> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) fail("create buffer", &error);
    zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
    if (!archive) fail("open", &error);
    zip_source_keep(buffer.get());
    for (const auto& e : entries) {
        zip_source_t* data = zip_source_buffer(archive, e.bytes.data(), e.bytes.size(), 0);
        const zip_int64_t index = data ? zip_file_add(archive, e.name.c_str(), data, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            if (data) zip_source_free(data);
            const std::string message = "zip: add " + e.name + ": " + zip_strerror(archive);
            zip_discard(archive);
            throw std::runtime_error(message);
        }
        if (zip_file_set_dostime(archive, static_cast<zip_uint64_t>(index), kDosTime, kDosDate, 0) < 0 ||
            zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9) < 0) {
            const std::string message = "zip: " + e.name + ": " + zip_strerror(archive);
            zip_discard(archive);
            throw std::runtime_error(message);
        }
    }
    if (zip_close(archive) < 0) {
        const std::string message = std::string("zip: close: ") + zip_strerror(archive);
        zip_discard(archive);
        throw std::runtime_error(message);
    }

    zip_stat_t st;
    if (zip_source_stat(buffer.get(), &st) < 0 || zip_source_open(buffer.get()) < 0)
        fail("read back", zip_source_error(buffer.get()));
    std::string out(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t got = zip_source_read(buffer.get(), out.data(), st.size);
    zip_source_close(buffer.get());
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) fail("read back", zip_source_error(buffer.get()));
    return out;
}

}  // namespace office
