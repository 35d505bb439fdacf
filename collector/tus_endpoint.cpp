#include "collector/tus_endpoint.hpp"

#include <ctime>
#include <map>

#include "collector/admission.hpp"
#include "collector/receipt_keys.hpp"
#include "common/text.hpp"
#include "common/urls.hpp"
#include "common/utf8.hpp"

namespace collector {

namespace {

const char* const kVersion = "1.0.0";
// OpenSSL's names, as tus names them; sha1 is the one every client has.
const char* const kChecksums[] = {"sha1", "sha256"};

std::string http_date(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

// A whole number of at most 15 digits (no sign, no space), as tus's lengths and offsets are.
std::optional<std::size_t> parse_count(const std::string& s) {
    if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return static_cast<std::size_t>(std::stoull(s));
}

Reply with_tus(Reply reply) {
    reply.headers.emplace_back("Tus-Resumable", kVersion);
    reply.headers.emplace_back("Cache-Control", "no-store");
    return reply;
}

Reply refused(const Refusal& refusal) {
    return with_tus(refusal_reply(refusal, true, [] { return std::string(); }));
}

Reply bad(const std::string& code, const std::string& message) { return refused(Refusal{400, code, "", message, {}}); }

Reply empty(int status) { return Reply{status, "", "", "", {}, {}}; }

void add_state(Reply& reply, std::size_t offset, const UploadMeta& meta) {
    reply.headers.emplace_back("Upload-Offset", std::to_string(offset));
    reply.headers.emplace_back("Upload-Length", std::to_string(meta.length));
    reply.headers.emplace_back("Upload-Expires", http_date(meta.expires));
}

std::optional<ChunkChecksum> parse_checksum(const std::string& header, bool& ok) {
    ok = true;
    if (header.empty()) return std::nullopt;
    const auto space = header.find(' ');
    const std::string algorithm = header.substr(0, space);
    const auto digest = space == std::string::npos ? std::nullopt : unbase64(header.substr(space + 1));
    bool known = false;
    for (const char* name : kChecksums) known = known || algorithm == name;
    ok = known && digest && !digest->empty();
    return ok ? std::optional<ChunkChecksum>(ChunkChecksum{algorithm, *digest}) : std::nullopt;
}

}  // namespace

std::optional<std::map<std::string, std::string>> parse_upload_metadata(const std::string& header) {
    std::map<std::string, std::string> out;
    for (std::size_t start = 0; start <= header.size();) {
        std::size_t comma = header.find(',', start);
        if (comma == std::string::npos) comma = header.size();
        std::string pair = common::trimmed(header.substr(start, comma - start));
        start = comma + 1;
        if (pair.empty()) continue;
        const auto space = pair.find(' ');
        const std::string key = pair.substr(0, space);
        const auto value = space == std::string::npos ? std::optional<std::string>("") : unbase64(pair.substr(space + 1));
        if (key.empty() || !value || out.count(key)) return std::nullopt;
        out[key] = *value;
    }
    return out;
}

TusEndpoint::TusEndpoint(const SiteRules& rules, SignIn& sign_in, UploadStore& uploads, AuditLog& audit, const Clock& clock)
    : rules_(rules), sign_in_(sign_in), uploads_(uploads), audit_(audit), clock_(clock) {}

Reply TusEndpoint::handle(const TusRequest& req) {
    if (req.method == "OPTIONS") {
        Reply reply = with_tus(empty(204));
        std::string checksums;
        for (const char* name : kChecksums) checksums += (checksums.empty() ? "" : ",") + std::string(name);
        reply.headers.emplace_back("Tus-Version", kVersion);
        reply.headers.emplace_back("Tus-Extension", "creation,expiration,checksum,termination");
        reply.headers.emplace_back("Tus-Max-Size", std::to_string(uploads_.limits().max_bytes));
        reply.headers.emplace_back("Tus-Checksum-Algorithm", checksums);
        return reply;
    }
    if (req.header("Tus-Resumable") != kVersion) {
        Reply reply = refused(Refusal{412, "unsupported_version", "", "续传协议版本不受支持（须为tus 1.0.0）", {}});
        reply.headers.emplace_back("Tus-Version", kVersion);
        return reply;
    }
    if (req.method == "POST" && req.id.empty()) return create(req);
    if (req.method == "HEAD" && !req.id.empty()) return head(req);
    if (req.method == "PATCH" && !req.id.empty()) return patch(req);
    if (req.method == "DELETE" && !req.id.empty()) {
        const auto refusal = uploads_.terminate(req.id);
        return refusal ? refused(*refusal) : with_tus(empty(204));
    }
    return refused(Refusal{405, "method_not_allowed", "", "此地址不接受这种请求", {}});
}

Reply TusEndpoint::busy() const { return refused(busy_refusal()); }

Reply TusEndpoint::create(const TusRequest& req) {
    UploadMeta meta;
    std::string id;
    const auto refusal = create(req, meta, id);
    nlohmann::json entry = {{"time", clock_.now_rfc3339()}, {"event", refusal ? "upload_refused" : "upload_created"}, {"form", meta.form},
                            {"field", meta.field}, {"remote", req.client}};
    if (!meta.unit.empty()) entry["unit"] = meta.unit;
    if (refusal) entry["code"] = refusal->code;
    else entry.update({{"upload", id}, {"bytes", meta.length}});
    audit_.append(entry);
    if (refusal) return refused(*refusal);
    Reply reply = with_tus(empty(201));
    reply.location = "/" + common::upload_api(id);  // as a receipt's: nginx puts the base path in front
    reply.headers.emplace_back("Upload-Expires", http_date(meta.expires));
    return reply;
}

std::optional<Refusal> TusEndpoint::create(const TusRequest& req, UploadMeta& meta, std::string& id) {
    const Refusal length_required{400, "length_required", "", "须在创建上传时注明文件长度（Upload-Length）", {}};
    if (!req.header("Upload-Defer-Length").empty()) return length_required;
    const auto length = parse_count(req.header("Upload-Length"));
    if (!length) return length_required;
    const auto metadata = parse_upload_metadata(req.header("Upload-Metadata"));
    if (!metadata) return Refusal{400, "bad_metadata", "", "上传的说明信息（Upload-Metadata）格式有误", {}};
    const auto value = [&](const char* key) {
        const auto it = metadata->find(key);
        return it == metadata->end() ? std::string() : it->second;
    };
    meta = UploadMeta{"", value("form"), value("field"), value("filename"), *length, {}};
    const common::FormDef* form = rules_.form(meta.form);
    const common::Call* call = rules_.call_taking(meta.form);
    if (!form || !call) return Refusal{404, "unknown_form", "", "没有这个表单：" + meta.form, {}};
    bool file_field = false;
    for (const common::FormField* f : common::all_fields(form->form)) file_field = file_field || (f->name == meta.field && f->type == "file");
    if (!file_field) return Refusal{422, "unknown_field", meta.field, "表单中没有此上传项：" + meta.field, {}};
    if (meta.name.empty() || !common::is_valid_utf8(meta.name)) return Refusal{400, "bad_metadata", meta.field, "须注明文件名（filename），且为UTF-8文本", {}};
    if (clock_.today_shanghai() > call->deadline) return Refusal{403, "deadline_passed", "", "申报截止时间为" + call->deadline + "，逾期不予受理", {}};
    SignInResult<std::string> unit = sign_in_.by_code(value("access_code"), req.client);
    if (!unit.who) return unit.refusal;
    meta.unit = *unit.who;
    if (auto refusal = uploads_.create(meta, id)) return refusal;
    std::size_t offset = 0;
    uploads_.offset(id, offset, meta);  // with the expiry the store set
    return std::nullopt;
}

Reply TusEndpoint::head(const TusRequest& req) {
    std::size_t offset = 0;
    UploadMeta meta;
    if (auto refusal = uploads_.offset(req.id, offset, meta)) return refused(*refusal);
    Reply reply = with_tus(empty(200));
    add_state(reply, offset, meta);
    return reply;
}

Reply TusEndpoint::patch(const TusRequest& req) {
    if (common::trimmed(req.content_type) != "application/offset+octet-stream")
        return refused(Refusal{415, "bad_content_type", "", "续传内容须以application/offset+octet-stream发送", {}});
    const auto at = parse_count(req.header("Upload-Offset"));
    if (!at) return bad("offset_required", "须注明续传位置（Upload-Offset）");
    bool checksum_ok = true;
    const auto checksum = parse_checksum(req.header("Upload-Checksum"), checksum_ok);
    if (!checksum_ok) return bad("bad_checksum", "校验值（Upload-Checksum）格式有误，或算法不受支持（可用sha1、sha256）");
    std::size_t offset = 0;
    UploadMeta meta;
    const auto refusal = uploads_.append(req.id, *at, checksum, req.read_body, offset, meta);
    Reply reply = refusal ? refused(*refusal) : with_tus(empty(204));
    if (!refusal || refusal->status == 409 || refusal->status == 460) add_state(reply, offset, meta);
    return reply;
}

}  // namespace collector
