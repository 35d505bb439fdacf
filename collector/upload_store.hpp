#pragma once
// Resumable uploads in progress (tus 1.0), kept in the data directory's
// staging (common/data_layout.hpp: resumable_uploads()): each a file that
// grows chunk by chunk beside a small JSON of whom it belongs to, until a
// submission takes it or it expires. One lock per upload: two requests on
// one upload never interleave. Knows nothing of HTTP.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "collector/clock.hpp"
#include "collector/intake.hpp"
#include "collector/refusal.hpp"
#include "common/data_layout.hpp"

namespace collector {

struct UploadLimits {
    std::size_t max_bytes = IntakeLimits{}.file_bytes;  // a file of a form, as the plain form takes it
    // Uploads a unit holds at once, finished or not: a form has a few file
    // fields, and a refused submission keeps its uploads for the next try.
    std::size_t per_unit = 12;
    std::size_t total = 1000;  // of all units: a bound on the disk they take
    std::chrono::seconds lifetime = std::chrono::hours(24);
};

// Whom an upload belongs to and what it is for, fixed when it is created.
struct UploadMeta {
    std::string unit, form, field, name;  // name: the file's name as the client gave it
    std::size_t length = 0;
    std::chrono::system_clock::time_point expires{};
};

// A chunk's checksum as the client sent it (Upload-Checksum): an OpenSSL
// digest name and the expected digest's raw bytes.
struct ChunkChecksum {
    std::string algorithm, digest;
};

class UploadStore {
    struct Entry;

public:
    // Reads the uploads a previous run left, removing what is half there;
    // the expired ones stay for sweep().
    UploadStore(const common::DataLayout& layout, const Clock& clock, UploadLimits limits = {});
    const UploadLimits& limits() const { return limits_; }

    // A new, empty upload (its expiry set here); its id in `id`.
    std::optional<Refusal> create(UploadMeta meta, std::string& id);
    // How many bytes of the upload are on disk, and its meta.
    std::optional<Refusal> offset(const std::string& id, std::size_t& offset, UploadMeta& meta);
    // Appends the body at `at`, which must be the current offset. With a
    // checksum, the chunk is kept only whole and matching; without, every
    // byte that arrived is kept, even when the transfer broke. The new
    // offset in `offset`, durable before this returns.
    std::optional<Refusal> append(const std::string& id, std::size_t at, const std::optional<ChunkChecksum>& checksum,
                                  const std::function<bool(const ChunkSink&)>& read_body, std::size_t& offset, UploadMeta& meta);
    // Removes the upload at its client's request (tus termination).
    std::optional<Refusal> terminate(const std::string& id);
    // Removes every upload expired by the clock; returns how many.
    std::size_t sweep();

    // A finished upload held for one submission: no other request touches it
    // until the claim ends; consume() removes it once the version is stored.
    class Claim {
    public:
        const std::filesystem::path& file() const { return file_; }
        const UploadMeta& meta() const { return meta_; }
        void consume();

    private:
        friend class UploadStore;
        Claim(UploadStore& store, std::shared_ptr<Entry> entry, std::unique_lock<std::mutex> lock, std::string id);
        UploadStore& store_;
        std::shared_ptr<Entry> entry_;
        std::unique_lock<std::mutex> lock_;
        std::string id_;
        std::filesystem::path file_;
        UploadMeta meta_;
    };
    // The finished upload `id` for this unit's form and file field.
    std::optional<Refusal> claim(const std::string& id, const std::string& unit, const std::string& form, const std::string& field,
                                 std::unique_ptr<Claim>& claim);

private:
    std::shared_ptr<Entry> find(const std::string& id);
    // Locks the entry for one request, or refuses when another holds it, it
    // expired or it is gone.
    std::optional<Refusal> hold(const std::string& id, std::shared_ptr<Entry>& entry, std::unique_lock<std::mutex>& lock);
    void remove(const std::string& id, Entry& entry);  // with the entry's lock held

    common::DataLayout layout_;
    const Clock& clock_;
    UploadLimits limits_;
    std::mutex mutex_;  // guards entries_ only; never held while a body is read
    std::map<std::string, std::shared_ptr<Entry>> entries_;
};

}  // namespace collector
