#include "collector/signed_receipt.hpp"

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

namespace collector {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

const std::string kStatementBegin = "-----BEGIN YUEYANG RECEIPT-----\n";
const std::string kStatementEnd = "-----END YUEYANG RECEIPT-----\n";
const std::string kSignatureBegin = "-----BEGIN SM2 SIGNATURE-----\n";
const std::string kSignatureEnd = "-----END SM2 SIGNATURE-----\n";

// What lies between `begin` and `end` in `text`, from `from` on; nothing when either is missing.
std::optional<std::string> armoured(const std::string& text, const std::string& begin, const std::string& end, std::size_t& from) {
    const auto a = text.find(begin, from);
    if (a == std::string::npos) return std::nullopt;
    const auto b = text.find(end, a + begin.size());
    if (b == std::string::npos) return std::nullopt;
    from = b + end.size();
    return text.substr(a + begin.size(), b - a - begin.size());
}

}  // namespace

std::string receipt_statement(const common::StoredVersion& v, const common::DataLayout& layout, const std::string& key_id) {
    json files = json::array();
    for (const common::StoredFile& f : v.files) {
        const auto sm3 = sm3_file_hex(layout.upload(v.key(), f.name));
        files.push_back({{"field", f.field}, {"name", f.original_name}, {"bytes", f.bytes}, {"sha256", f.sha256}, {"sm3", sm3.value_or("")}});
    }
    const json fields(v.fields);
    const json statement = {{"form", v.form}, {"call", v.call}, {"unit", v.unit}, {"version", v.version}, {"receipt", v.receipt},
                            {"received_at", v.received_at}, {"files", files}, {"fields_sm3", sm3_hex(fields.dump())}, {"key", key_id}};
    return statement.dump() + "\n";
}

std::string signed_receipt_file(const std::string& statement, const ReceiptKeys& keys) {
    const std::string signature = base64(keys.sign(statement));
    std::string wrapped;
    for (std::size_t i = 0; i < signature.size(); i += 64) wrapped += signature.substr(i, 64) + "\n";
    return kStatementBegin + statement + kStatementEnd + kSignatureBegin + wrapped + kSignatureEnd;
}

std::string statement_fingerprint(const std::string& statement) {
    const std::string digest = sm3_hex(statement);
    std::string out;
    for (std::size_t i = 0; i < digest.size(); i += 4) out += (i ? " " : "") + digest.substr(i, 4);
    return out;
}

ReceiptCheck check_signed_receipt(const std::string& text, const fs::path& public_keys) {
    ReceiptCheck out;
    std::size_t at = 0;
    const auto statement = armoured(text, kStatementBegin, kStatementEnd, at);
    const auto signature_text = statement ? armoured(text, kSignatureBegin, kSignatureEnd, at) : std::nullopt;
    const auto signature = signature_text ? unbase64(*signature_text) : std::nullopt;
    if (!signature) {
        out.problem = "这不是签名回执文件（缺少回执内容或签名）";
        return out;
    }
    out.statement = *statement;
    const json parsed = json::parse(*statement, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("key") || !parsed["key"].is_string()) {
        out.problem = "回执内容无法读取";
        return out;
    }
    out.key = parsed["key"].get<std::string>();
    const fs::path pem = public_keys / (out.key + ".pem");
    std::ifstream in(pem, std::ios::binary);
    const std::string public_pem(std::istreambuf_iterator<char>(in), {});
    if (out.key.empty() || out.key.find_first_not_of("0123456789abcdef") != std::string::npos || !in || key_id_of(public_pem) != out.key) {
        out.problem = "回执所称的签名密钥" + out.key + "不在已公布的公钥之中";
        return out;
    }
    out.valid = sm2_verify(public_pem, *statement, *signature);
    if (!out.valid) out.problem = "签名与回执内容不符：回执被改动过，或不是用该密钥签署的";
    return out;
}

}  // namespace collector
