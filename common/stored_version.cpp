#include "common/stored_version.hpp"

#include "common/form_validation.hpp"
#include "common/record_members.hpp"

namespace common {
namespace {
using nlohmann::json;

StoredFile read_file_entry(const JsonFile& f, const json& obj, const std::string& pointer) {
    Members m(f, obj, pointer);
    StoredFile file;
    file.field = m.string("field");
    file.name = m.string("name");
    // The generator copies the upload by this name: it must stay in the version's directory.
    if (file.name.empty() || file.name[0] == '.' || file.name.find('/') != std::string::npos)
        f.fail_at(m.at("name"), "\"name\" must be a file name in the version's directory");
    file.original_name = m.string("original_name");
    file.bytes = static_cast<unsigned long long>(m.count("bytes"));
    file.sha256 = m.string("sha256");
    m.no_others("a stored file");
    return file;
}

std::vector<std::string> personal_pointers(const StoredVersion& r) {
    std::vector<std::string> out;
    for (const std::string& key : r.personal) out.push_back("/fields/" + escape_pointer_token(key));
    return out;
}

// The associated data of its sealed fields: the record's own name.
std::string record_name(const std::string& form, const std::string& unit, long long version) {
    return DataLayout::repo_path(kSubmissionRecord, {form, unit, static_cast<int>(version)});
}

}  // namespace

json to_json(const StoredVersion& r) {
    json files = json::array();
    for (const auto& f : r.files)
        files.push_back({{"field", f.field}, {"name", f.name}, {"original_name", f.original_name}, {"bytes", f.bytes}, {"sha256", f.sha256}});
    return {{"format", kSubmissionRecord.format}, {"receipt", r.receipt}, {"form", r.form}, {"call", r.call}, {"unit", r.unit},
            {"version", r.version}, {"received_at", r.received_at}, {"privacy_notice", r.privacy_notice}, {"fields", r.fields},
            {"files", files}};
}

std::string stored_text(const StoredVersion& r, DataKeys& keys) {
    json j = to_json(r);
    seal_members(j, personal_pointers(r), keys, r.call, record_name(r.form, r.unit, r.version));
    return j.dump(2) + "\n";
}

StoredVersion read_stored_version(const JsonFile& sealed, const DataKeys* keys) {
    const json& raw = sealed.value;
    const Unsealed unsealed = unseal_members(sealed, keys, peek_string(raw, "call"),
                                             record_name(peek_string(raw, "form"), peek_string(raw, "unit"), peek_count(raw, "version")));
    const JsonFile& f = unsealed.file;
    Members m(f, f.value, "");
    check_format(f, m, kSubmissionRecord.name, 1, kSubmissionRecord.format);
    StoredVersion r;
    r.receipt = m.string("receipt");
    r.form = m.string("form");
    r.call = m.string("call");
    r.unit = m.string("unit");
    r.version = static_cast<int>(m.count("version"));
    r.received_at = m.string("received_at");
    r.privacy_notice = m.string("privacy_notice");
    const json& fields = m.take("fields", &json::is_object, "an object of strings");
    for (const auto& [key, value] : fields.items()) {
        if (!value.is_string()) f.fail_at("/fields/" + escape_pointer_token(key), "\"" + key + "\" must be a string");
        r.fields[key] = value.get<std::string>();
    }
    const json& files = m.take("files", &json::is_array, "a list");
    for (std::size_t i = 0; i < files.size(); ++i) r.files.push_back(read_file_entry(f, files[i], pointer_at("/files", i)));
    m.no_others("a submission record");
    r.sealing = unsealed.sealing;
    for (const std::string& member : unsealed.members)
        if (const json::json_pointer at(member); at.parent_pointer().to_string() == "/fields") r.personal.insert(at.back());
    return r;
}

StoredVersion load_stored_version(const DataLayout& layout, const VersionKey& key, const DataKeys* keys) {
    const std::filesystem::path file = layout.record_file(kSubmissionRecord, key);
    const JsonFile f = load_json(file, file.string());
    StoredVersion r = read_stored_version(f, keys);
    if (r.key() != key) f.fail_at("", "the record is of " + r.key().shown() + ", but it is stored as " + key.shown());
    return r;
}

std::vector<StoredVersion> load_stored_versions(const DataLayout& layout, const DataKeys* keys, Diagnostics& diags) {
    std::vector<StoredVersion> out;
    for (const VersionKey& key : layout.versions(kSubmissionRecord)) {
        try {
            out.push_back(load_stored_version(layout, key, keys));
        } catch (const SourceError& e) {
            diags.add(e.diagnostic());
        }
    }
    return out;
}

std::set<std::string> personal_keys(const Form& form, const std::map<std::string, std::string>& fields) {
    std::set<std::string> out;
    for (const FieldKey& k : form_keys(form, kMaxTableRows))
        if (k.field->personal && fields.count(k.key)) out.insert(k.key);
    return out;
}

}  // namespace common
