#include "common/urls.hpp"

#include <cstdint>
#include <utility>

#include "common/text.hpp"

namespace common {
namespace {

const std::string kSubmissions = "api/submissions/";
const std::string kAccount = "account/";
// Names the collector accepts in a path: form keys, unit ids, "v0001".
const std::string kName = "([a-z0-9-]+)";
const std::string kVersion = "(v[0-9]{4})";
const std::string kNumber = "([1-9][0-9]{0,8})";
// Uploads are named by the collector: field and extension, "work_plan.pdf".
const std::string kUploadName = "([a-z0-9_]+\\.[a-z0-9]+)";

// FNV-1a: stable across builds and machines; two destinations that collide
// would claim one output path, which the build reports.
std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

bool split_base_url(const std::string& url, std::string& origin, std::string& path) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return false;
    const std::string scheme = url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") return false;
    const auto path_start = url.find('/', scheme_end + 3);
    if (path_start == scheme_end + 3) return false;
    origin = url.substr(0, path_start);
    path = path_start == std::string::npos ? "/" : url.substr(path_start);
    if (path.find_first_of("?#") != std::string::npos) return false;
    if (path.back() != '/') path += '/';
    return true;
}

std::string notice_url(const std::string& slug) { return "notices/" + slug + "/"; }

std::string data_url(const std::string& kind, const std::string& key) { return kind + "/" + key + "/"; }

std::string online_form_url(const std::string& form_key) { return data_url("forms", form_key) + "fill/"; }

std::string mode_url(bool elder) { return elder ? "mode/elder/" : "mode/standard/"; }

std::string leave_url(const std::string& destination) {
    const std::uint64_t h = fnv1a(destination);
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(h >> (56 - 8 * i));
    return "leave/" + to_hex(bytes, sizeof bytes) + "/";
}

std::string item_anchor(const std::string& kind, std::size_t index) { return kind + "-" + std::to_string(index + 1); }

std::string search_index_url() { return "search/index.json"; }

std::string search_shards_url() { return "search/shards/"; }

std::string search_shard_url(const std::string& folder, std::size_t number) {
    return search_shards_url() + folder + "/" + std::to_string(number) + ".json";
}

std::string output_path(const std::string& url) {
    if (url.empty() || url.back() == '/') return url + "index.html";
    return url;
}

std::string health_api() { return "api/health"; }

std::string submission_api(const std::string& form) { return kSubmissions + form; }

std::string receipt_api(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt) {
    return kSubmissions + form + "/" + unit + "/" + version + "/receipt?id=" + receipt;
}

std::string submission_route() { return "/" + kSubmissions + kName; }

std::string uploads_api() { return "api/uploads"; }
std::string upload_api(const std::string& id) { return uploads_api() + "/" + id; }
std::string uploads_route() { return "/" + uploads_api(); }
std::string upload_route() { return uploads_route() + "/([0-9a-f]{32})"; }

std::string account_url(const std::string& page) { return kAccount + page; }

std::string pilots_url(const std::string& list) { return data_url("lists", list) + "pilots/"; }
std::string publicity_url(const std::string& call) { return data_url("calls", call) + "publicity/"; }

std::string sign_in_url() { return account_url("sign-in/"); }

std::string sign_out_url() { return account_url("sign-out/"); }

std::string account_route(const std::string& page) {
    std::string pattern = "/" + account_url(page);
    for (const auto& [slot, group] : {std::pair<std::string, std::string>{"{name}", kName}, {"{version}", kVersion}, {"{number}", kNumber}})
        for (std::size_t p; (p = pattern.find(slot)) != std::string::npos;) pattern.replace(p, slot.size(), group);
    return pattern;
}

std::string account_routes() { return "/" + kAccount + ".*"; }

std::string signed_receipt_api(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt) {
    return kSubmissions + form + "/" + unit + "/" + version + "/receipt.sm2?id=" + receipt;
}
std::string signed_receipt_route() { return "/" + kSubmissions + kName + "/" + kName + "/" + kVersion + "/receipt\\.sm2"; }
std::string receipt_key_url(const std::string& key_id) { return "receipt-keys/" + key_id + ".pem"; }
std::string receipt_route() { return "/" + kSubmissions + kName + "/" + kName + "/" + kVersion + "/receipt"; }

std::string review_call_url(const std::string& call) { return account_url("calls/" + call + "/"); }
std::string review_pilot_url(const std::string& call, const std::string& unit) { return review_call_url(call) + "pilots/" + unit + "/"; }
std::string review_version_url(const std::string& form, const std::string& unit, const std::string& version) {
    return account_url("versions/" + form + "/" + unit + "/" + version + "/");
}
std::string review_file_url(const std::string& form, const std::string& unit, const std::string& version, const std::string& name) {
    return review_version_url(form, unit, version) + "files/" + name;
}
std::string review_download_url(const std::string& form, const std::string& unit, const std::string& version, const std::string& name) {
    return review_version_url(form, unit, version) + "downloads/" + name;
}

std::string review_call_route() { return account_route("calls/{name}/"); }
std::string experts_url() { return account_url("experts/"); }
std::string experts_route() { return account_route("experts/"); }
std::string review_pilot_route() { return account_route("calls/{name}/pilots/{name}/"); }
std::string review_version_route() { return account_route("versions/{name}/{name}/{version}/"); }
std::string review_file_route() { return review_version_route() + "files/" + kUploadName; }
std::string review_download_route() { return review_version_route() + "downloads/" + kUploadName; }
std::string review_filled_route(const char* name) { return review_version_route() + name; }
std::string stamped_scan_url(const std::string& form, const std::string& unit, const std::string& version) {
    return review_version_url(form, unit, version) + "stamped-scan";
}
std::string stamped_scan_route() { return review_version_route() + "stamped-scan"; }

std::string assignment_url(const std::string& call, int number) { return account_url("reviews/" + call + "/" + std::to_string(number) + "/"); }
std::string assignment_file_url(const std::string& call, int number, std::size_t index) {
    return assignment_url(call, number) + "files/" + std::to_string(index + 1);
}
std::string assignment_scores_url(const std::string& call, int number) { return assignment_url(call, number) + "scores/"; }
std::string assignment_route() { return account_route("reviews/{name}/{number}/"); }
std::string assignment_file_route() { return assignment_route() + "files/" + kNumber; }
std::string assignment_scores_route() { return assignment_route() + "scores/"; }

}  // namespace common
