#include "collector/access_codes.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "collector/durable.hpp"
#include "common/json_file.hpp"

namespace collector {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A lookup id, then four groups of secret: 80 random bits behind the id.
constexpr int kSecretGroups = 4;
constexpr std::size_t kCodeLength = (1 + kSecretGroups) * kGroupLength;

struct StoredCode {
    std::string unit, hash;
};

std::optional<StoredCode> read_code(const fs::path& file) {
    if (!fs::exists(file)) return std::nullopt;
    const common::JsonFile f = common::load_json(file, file.string());
    return StoredCode{common::require_string(f, f.value, "", "unit"), common::require_string(f, f.value, "", "hash")};
}

}  // namespace

bool is_valid_unit_id(const std::string& unit) {
    if (unit.empty() || unit.size() > 64 || unit[0] == '-') return false;
    for (char c : unit)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

std::string lookup_id(const std::string& code) {
    const std::string plain = normalise_code(code);
    if (plain.size() != kCodeLength || !in_secret_alphabet(plain)) return "";
    return plain.substr(0, kGroupLength);
}

AccessCodes::AccessCodes(fs::path data_dir, SecretHasher& hasher) : layout_(std::move(data_dir)), hasher_(hasher) {}

std::string AccessCodes::issue(const std::string& unit) {
    if (!is_valid_unit_id(unit)) throw std::invalid_argument("invalid unit id: " + unit);
    fs::create_directories(layout_.access_codes());
    // Ids are drawn until one is free: about a million of them for a few hundred units.
    std::string code, id;
    do {
        code = make_secret(1 + kSecretGroups);
        id = lookup_id(code);
    } while (fs::exists(layout_.access_code(id)));
    const std::string secret = normalise_code(code).substr(kGroupLength);
    write_durably(layout_.access_code(id), json{{"unit", unit}, {"hash", hasher_.hash(secret)}}.dump() + "\n");
    // Only now are the earlier codes withdrawn: a crash in between leaves
    // the unit with a working code, and issuing again withdraws the rest.
    for (const auto& entry : fs::directory_iterator(layout_.access_codes())) {
        const fs::path file = entry.path();
        if (file.extension() != ".json" || file == layout_.access_code(id)) continue;
        const auto stored = read_code(file);
        if (stored && stored->unit == unit) fs::remove(file);
    }
    fsync_path(layout_.access_codes());
    return code;
}

std::optional<std::string> AccessCodes::unit_of(const std::string& code) {
    const std::string id = lookup_id(code);
    if (id.empty()) return std::nullopt;
    const auto stored = read_code(layout_.access_code(id));
    if (!stored || !hasher_.verify(stored->hash, normalise_code(code).substr(kGroupLength))) return std::nullopt;
    return stored->unit;
}

}  // namespace collector
