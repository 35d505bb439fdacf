#include "collector/image_check.hpp"

#include <csetjmp>
#include <cstdio>
#include <memory>
#include <vector>

#include <jpeglib.h>
#include <png.h>

namespace collector {
namespace {

// An A4 page scanned at 600 dpi is 35 million pixels; a larger image is
// refused before it is decoded, which bounds time and memory.
constexpr unsigned long long kMaxPixels = 40'000'000ull;
// What libjpeg may allocate for a progressive image's coefficients.
constexpr long kJpegMemory = 512l * 1024 * 1024;

FileCheck refuse_too_large() { return refuse("image_too_large", "图片像素过多（超过4000万像素），请降低扫描分辨率后上传"); }

using File = std::unique_ptr<FILE, int (*)(FILE*)>;

struct JpegError {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
};

// libjpeg's default handler exits the process; this one returns to the check.
void jpeg_fail(j_common_ptr cinfo) { std::longjmp(reinterpret_cast<JpegError*>(cinfo->err)->jump, 1); }
void jpeg_quiet(j_common_ptr, int) {}

// Plain data only between setjmp and longjmp: no destructor is skipped.
int decode_jpeg(FILE* f, unsigned long long& pixels) {
    jpeg_decompress_struct cinfo;
    JpegError err;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_fail;
    err.mgr.emit_message = jpeg_quiet;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    cinfo.mem->max_memory_to_use = kJpegMemory;
    jpeg_stdio_src(&cinfo, f);
    jpeg_read_header(&cinfo, TRUE);
    pixels = static_cast<unsigned long long>(cinfo.image_width) * cinfo.image_height;
    if (pixels == 0 || pixels > kMaxPixels) {
        jpeg_destroy_decompress(&cinfo);
        return 1;
    }
    jpeg_start_decompress(&cinfo);
    JSAMPARRAY row = (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE, cinfo.output_width * cinfo.output_components, 1);
    while (cinfo.output_scanline < cinfo.output_height) jpeg_read_scanlines(&cinfo, row, 1);
    jpeg_finish_decompress(&cinfo);
    // A file cut short decodes as grey with a warning: that is damage too.
    const bool clean = err.mgr.num_warnings == 0;
    jpeg_destroy_decompress(&cinfo);
    return clean ? 0 : -1;
}

void png_fail(png_structp png, png_const_charp) { png_longjmp(png, 1); }
void png_quiet(png_structp, png_const_charp) {}

int decode_png(FILE* f, unsigned long long& pixels) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, png_fail, png_quiet);
    if (!png) return -1;
    png_infop info = png_create_info_struct(png);
    png_bytep row = nullptr;
    if (!info || setjmp(png_jmpbuf(png))) {
        png_free(png, row);
        png_destroy_read_struct(&png, &info, nullptr);
        return -1;
    }
    // A wrong checksum is damage, not something to be lenient about.
    png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
    png_init_io(png, f);
    png_read_info(png, info);
    pixels = static_cast<unsigned long long>(png_get_image_width(png, info)) * png_get_image_height(png, info);
    if (pixels == 0 || pixels > kMaxPixels) {
        png_destroy_read_struct(&png, &info, nullptr);
        return 1;
    }
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    row = static_cast<png_bytep>(png_malloc(png, png_get_rowbytes(png, info)));
    for (int pass = 0; pass < passes; ++pass)
        for (png_uint_32 y = 0; y < png_get_image_height(png, info); ++y) png_read_row(png, row, nullptr);
    png_read_end(png, nullptr);
    png_free(png, row);
    png_destroy_read_struct(&png, &info, nullptr);
    return 0;
}

FileCheck check_image(const std::filesystem::path& file, const char* ext, int (*decode)(FILE*, unsigned long long&)) {
    File f(std::fopen(file.c_str(), "rb"), &std::fclose);
    if (!f) return refuse_damaged();
    unsigned long long pixels = 0;
    const int result = decode(f.get(), pixels);
    if (result > 0) return pixels == 0 ? refuse_damaged() : refuse_too_large();
    return result == 0 ? accept_as(ext) : refuse_damaged();
}

}  // namespace

FileCheck check_jpeg(const std::filesystem::path& file) { return check_image(file, "jpg", decode_jpeg); }
FileCheck check_png(const std::filesystem::path& file) { return check_image(file, "png", decode_png); }

}  // namespace collector
