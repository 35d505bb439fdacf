#include "support/upload_files.hpp"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>

#include <jpeglib.h>
#include <png.h>

namespace testing {
namespace {

std::vector<unsigned char> gradient(unsigned width, unsigned height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height);
    for (unsigned y = 0; y < height; ++y)
        for (unsigned x = 0; x < width; ++x) pixels[y * width + x] = static_cast<unsigned char>((x + y) * 255 / (width + height));
    return pixels;
}

void put16(std::string& s, std::size_t at, std::uint16_t v) {
    s[at] = static_cast<char>(v & 0xFF);
    s[at + 1] = static_cast<char>(v >> 8);
}
void put32(std::string& s, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

std::string tiny_jpeg(unsigned width, unsigned height) {
    std::vector<unsigned char> pixels = gradient(width, height);
    jpeg_compress_struct cinfo;
    jpeg_error_mgr err;
    cinfo.err = jpeg_std_error(&err);
    jpeg_create_compress(&cinfo);
    unsigned char* out = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&cinfo, &out, &size);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = 1;
    cinfo.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < height) {
        JSAMPROW row = &pixels[cinfo.next_scanline * width];
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    std::string bytes(reinterpret_cast<const char*>(out), size);
    std::free(out);
    return bytes;
}

std::string tiny_png(unsigned width, unsigned height) {
    const std::vector<unsigned char> pixels = gradient(width, height);
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = PNG_FORMAT_GRAY;
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr)) throw std::runtime_error(image.message);
    std::string bytes(size, '\0');
    if (!png_image_write_to_memory(&image, bytes.data(), &size, 0, pixels.data(), 0, nullptr)) throw std::runtime_error(image.message);
    bytes.resize(size);
    return bytes;
}

std::string compound_file(const std::vector<std::string>& streams, bool fat_loop) {
    // The header, then sector 0 (the FAT) and sector 1 (the directory).
    std::string f(512 * 3, '\0');
    f.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    put16(f, 24, 0x3E);    // minor version
    put16(f, 26, 3);       // major version: 512-byte sectors
    put16(f, 28, 0xFFFE);  // byte order
    put16(f, 30, 9);       // sector shift
    put16(f, 32, 6);       // mini sector shift
    put32(f, 44, 1);       // FAT sectors
    put32(f, 48, 1);       // first directory sector
    put32(f, 56, 4096);    // mini stream cutoff
    put32(f, 60, 0xFFFFFFFE);
    put32(f, 68, 0xFFFFFFFE);
    put32(f, 76, 0);  // the FAT is sector 0
    for (std::size_t i = 1; i < 109; ++i) put32(f, 76 + 4 * i, 0xFFFFFFFF);
    const std::size_t fat = 512, dir = 1024;
    for (std::size_t i = 0; i < 128; ++i) put32(f, fat + 4 * i, 0xFFFFFFFF);
    put32(f, fat, 0xFFFFFFFD);
    put32(f, fat + 4, fat_loop ? 1 : 0xFFFFFFFE);
    auto entry = [&](std::size_t index, const std::string& name, unsigned char type) {
        const std::size_t at = dir + 128 * index;
        for (std::size_t i = 0; i < name.size(); ++i) f[at + 2 * i] = name[i];
        put16(f, at + 64, static_cast<std::uint16_t>(2 * (name.size() + 1)));
        f[at + 66] = static_cast<char>(type);
        put32(f, at + 68, 0xFFFFFFFF);
        put32(f, at + 72, 0xFFFFFFFF);
        put32(f, at + 76, 0xFFFFFFFF);
        put32(f, at + 116, 0xFFFFFFFE);
    };
    entry(0, "Root Entry", 5);
    for (std::size_t i = 0; i < streams.size() && i < 3; ++i) entry(i + 1, streams[i], 2);
    return f;
}

}  // namespace testing
