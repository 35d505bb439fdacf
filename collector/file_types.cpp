#include "collector/file_types.hpp"

#include <cstring>
#include <fstream>

#include "collector/compound_file.hpp"
#include "collector/image_check.hpp"
#include "collector/package_check.hpp"
#include "common/text.hpp"
#include "office/pdf_check.hpp"

namespace collector {
namespace {

const char* const kAccepted = "只接受PDF、Word（DOC/DOCX）、WPS、ODT文档或JPEG/PNG扫描件";

FileCheck check_pdf(const std::filesystem::path& file) {
    const office::PdfCheck pdf = office::check_pdf(file);
    switch (pdf.verdict) {
        case office::PdfVerdict::ok: {
            FileCheck out = accept_as("pdf");
            out.pages = pdf.pages;
            return out;
        }
        case office::PdfVerdict::encrypted: return refuse_protected();
        case office::PdfVerdict::no_pages: return refuse("damaged_file", "文件已损坏，无法打开：PDF中没有页面");
        case office::PdfVerdict::damaged: break;
    }
    return refuse_damaged();
}

}  // namespace

FileCheck accept_as(const std::string& ext) { return FileCheck{true, ext, "", "", 0}; }
FileCheck refuse(const std::string& code, const std::string& message) { return FileCheck{false, "", code, message, 0}; }
FileCheck refuse_damaged() { return refuse("damaged_file", "文件已损坏，无法打开，请重新导出或扫描后上传"); }
FileCheck refuse_protected() { return refuse("protected_file", "文件设有密码或加密保护，无法打开，请取消保护后上传"); }

FileCheck check_upload(const std::filesystem::path& file, const std::string& claimed_name) {
    std::ifstream in(file, std::ios::binary);
    unsigned char head[8] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    in.close();
    const std::uint64_t size = std::filesystem::file_size(file);
    if (size == 0) return refuse("empty_file", "上传的文件是空的");
    if (std::memcmp(head, "%PDF-", 5) == 0) return check_pdf(file);
    if (head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return check_jpeg(file);
    if (std::memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0) return check_png(file);
    if (std::memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return check_compound_file(file, common::lower_extension(claimed_name) == "wps" ? "wps" : "doc");
    if (std::memcmp(head, "PK\x03\x04", 4) == 0) return check_package(file, size, kAccepted);
    return refuse("bad_file_type", kAccepted);
}

}  // namespace collector
