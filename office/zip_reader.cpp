#include "office/zip_reader.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include <zip.h>

namespace office {

ZipReader::ZipReader(const std::filesystem::path& file) {
    int error = 0;
    // ZIP_CHECKCONS: the central directory must agree with the local headers.
    archive_ = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive_) {
        zip_error_t e;
        zip_error_init_with_code(&e, error);
        const std::string message = std::string("not a readable zip: ") + zip_error_strerror(&e);
        zip_error_fini(&e);
        throw std::runtime_error(message);
    }
    const zip_int64_t n = zip_get_num_entries(archive_, 0);
    for (zip_int64_t i = 0; i < n; ++i)
        if (const char* name = zip_get_name(archive_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS)) names_.emplace_back(name);
}

ZipReader::~ZipReader() { zip_discard(archive_); }

std::optional<std::string> ZipReader::read(const std::string& name, std::uint64_t limit) const {
    const zip_int64_t index = zip_name_locate(archive_, name.c_str(), 0);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0) throw std::runtime_error(name + ": damaged entry");
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limit) throw std::runtime_error(name + ": inflates to more than the limit");
    struct Closer {
        void operator()(zip_file_t* f) const { zip_fclose(f); }
    };
    std::unique_ptr<zip_file_t, Closer> f(zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0));
    if (!f) throw std::runtime_error(name + ": " + zip_strerror(archive_));
    // Inflated straight into the string, sized as declared; the declared
    // size may lie, so the limit holds for what really inflates.
    std::string out;
    std::size_t have = 0;
    out.resize(static_cast<std::size_t>(std::min<std::uint64_t>((st.valid & ZIP_STAT_SIZE) ? st.size + 1 : 65536, limit + 1)));
    for (;;) {
        if (have == out.size()) {
            if (out.size() > limit) throw std::runtime_error(name + ": inflates to more than the limit");
            out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(out.size() * 2, limit + 1)));
        }
        const zip_int64_t got = zip_fread(f.get(), &out[have], out.size() - have);
        if (got < 0) throw std::runtime_error(name + ": " + zip_file_strerror(f.get()));
        if (got == 0) break;
        have += static_cast<std::size_t>(got);
    }
    if (have > limit) throw std::runtime_error(name + ": inflates to more than the limit");
    out.resize(have);
    return out;
}

}  // namespace office
