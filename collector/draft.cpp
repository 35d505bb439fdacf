#include "collector/draft.hpp"

#include "collector/multipart.hpp"

namespace collector {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kPartOverhead = 128;

}  // namespace

std::string Draft::field(const std::string& name) const {
    const auto it = fields.find(name);
    return it == fields.end() ? "" : it->second;
}

std::optional<Refusal> read_draft(const IntakeRequest& req, const common::Form& form, const IntakeLimits& limits,
                                  const fs::path& staged, Draft& draft) {
    const auto boundary = multipart_boundary(req.content_type);
    if (!boundary) return Refusal{415, "bad_content_type", "", "请以multipart/form-data方式提交表单", {}};
    std::map<std::string, const common::FormField*> file_fields;
    for (const common::FormField* f : common::all_fields(form))
        if (f->type == "file") file_fields[f->name] = f;

    std::optional<Refusal> refusal;
    std::string current_name;
    std::string* text = nullptr;
    UploadedFile* file = nullptr;
    std::size_t fields_total = 0, body_total = 0;
    MultipartParser parser(*boundary, {
        [&](const PartHeader& h) {
            text = nullptr;
            file = nullptr;
            current_name = h.name;
            const bool is_file_field = file_fields.count(h.name) > 0;
            if (h.filename && is_file_field) {
                if (h.filename->empty()) return true;  // an empty file input: nothing chosen
                for (const auto& f : draft.files)
                    if (f.field == h.name) {
                        refusal = Refusal{400, "duplicate_field", h.name, "同一项提交了两次：" + h.name, {}};
                        return false;
                    }
                const fs::path path = staged / ("upload-" + std::to_string(draft.files.size() + 1));
                draft.files.push_back({h.name, *h.filename, std::make_unique<FileSink>(path, limits.file_bytes)});
                file = &draft.files.back();
                return true;
            }
            if (h.filename || is_file_field) {
                refusal = Refusal{422, h.filename ? "unknown_field" : "file_expected", h.name,
                                  h.filename ? "表单中没有此上传项：" + h.name : "此项需上传文件：" + h.name, {}};
                return false;
            }
            // Every part costs memory beyond its value: count it, so that
            // millions of empty parts cannot grow the draft unchecked.
            fields_total += h.name.size() + kPartOverhead;
            if (fields_total > limits.fields_total) {
                refusal = Refusal{413, "field_too_large", h.name, "填写内容过长：" + h.name, {}};
                return false;
            }
            const std::string prefix = kUploadPartPrefix;
            const bool upload = h.name.compare(0, prefix.size(), prefix) == 0 && file_fields.count(h.name.substr(prefix.size()));
            std::map<std::string, std::string>& values = upload ? draft.uploads : draft.fields;
            const std::string key = upload ? h.name.substr(prefix.size()) : h.name;
            if (values.count(key)) {
                refusal = Refusal{400, "duplicate_field", h.name, "同一项提交了两次：" + h.name, {}};
                return false;
            }
            text = &values[key];
            return true;
        },
        [&](const char* data, std::size_t n) {
            if (file) {
                if (!file->sink->write(data, n)) {
                    refusal = Refusal{413, "file_too_large", file->field,
                                      "上传文件超过" + std::to_string(limits.file_bytes / (1024 * 1024)) + "MB：" + file->field, {}};
                    return false;
                }
            } else if (text) {
                fields_total += n;
                if (text->size() + n > limits.field_bytes || fields_total > limits.fields_total) {
                    refusal = Refusal{413, "field_too_large", current_name, "填写内容过长：" + current_name, {}};
                    return false;
                }
                text->append(data, n);
            }
            return true;
        },
        [&] {
            if (file) {
                file->sink->finish();
                file->path = file->sink->path();
                file->bytes = file->sink->bytes();
                file->sha256 = file->sink->sha256_hex();
            }
            file = nullptr;
            text = nullptr;
            return true;
        },
    });
    const bool transferred = req.read_body([&](const char* data, std::size_t n) {
        body_total += n;
        if (body_total > limits.body_bytes) {
            if (!refusal) refusal = Refusal{413, "body_too_large", "", "提交内容总量过大", {}};
            return false;
        }
        return parser.feed(data, n);
    });
    if (refusal) return refusal;
    if (!transferred || !parser.done())
        return Refusal{400, "bad_multipart", "", "提交内容不完整或格式有误，请重新提交" + (parser.error().empty() ? "" : "（" + parser.error() + "）"), {}};
    return std::nullopt;
}

}  // namespace collector
