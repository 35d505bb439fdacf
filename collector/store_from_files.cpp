#include "collector/store_from_files.hpp"

#include <stdexcept>

#include "collector/file_sink.hpp"
#include "collector/file_types.hpp"
#include "common/files.hpp"

namespace collector {

int store_from_files(SubmissionStore& store, common::StoredVersion record, const std::vector<LocalUpload>& uploads) {
    const auto staging = store.stage();
    for (const LocalUpload& u : uploads) {
        const std::string bytes = common::read_file(u.path, u.path.string());
        const FileCheck check = check_upload(u.path, u.original_name);
        if (!check.ok) throw std::runtime_error(u.path.string() + ": " + check.message);
        // Named as Intake names uploads: the client's name is kept only in the record.
        const std::string name = u.field + "." + check.ext;
        FileSink sink(staging->dir() / name, bytes.size());
        sink.write(bytes.data(), bytes.size());
        sink.finish();
        record.files.push_back({u.field, name, u.original_name, sink.sha256_hex(), sink.bytes()});
    }
    const int version = store.commit(*staging, std::move(record));
    store.sync(*staging);
    return version;
}

}  // namespace collector
