#include "collector/upload_store.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "collector/durable.hpp"
#include "common/files.hpp"

namespace collector {
namespace fs = std::filesystem;
using nlohmann::json;

struct UploadStore::Entry {
    UploadMeta meta;
    std::mutex lock;    // held by the one request working on the upload
    bool gone = false;  // removed while a request waited for it
};

namespace {

const std::string kPart = ".part", kInfo = ".json";

Refusal no_such_upload() { return Refusal{404, "no_such_upload", "", "没有这个上传，或它已过期被清除，请重新选择文件上传", {}}; }

json info_of(const UploadMeta& m) {
    return {{"unit", m.unit}, {"form", m.form}, {"field", m.field}, {"name", m.name}, {"length", m.length}, {"expires", rfc3339_shanghai(m.expires)}};
}

std::optional<UploadMeta> read_info(const fs::path& file) {
    try {
        const json j = json::parse(common::read_file(file, file.string()));
        const auto expires = parse_rfc3339(j.at("expires").get<std::string>());
        if (!expires) return std::nullopt;
        return UploadMeta{j.at("unit"), j.at("form"), j.at("field"), j.at("name"), j.at("length"), *expires};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

[[noreturn]] void fail(const std::string& what, const fs::path& p) { throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno)); }

class Fd {
public:
    Fd(const fs::path& path, int flags) : path_(path), fd_(::open(path.c_str(), flags | O_CLOEXEC, 0644)) {
        if (fd_ < 0) fail("cannot open", path);
    }
    ~Fd() { ::close(fd_); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    void write(const char* data, std::size_t n) {
        for (std::size_t done = 0; done < n;) {
            const ssize_t w = ::write(fd_, data + done, n - done);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) fail("cannot write", path_);
            done += static_cast<std::size_t>(w);
        }
    }
    void truncate(std::size_t length) {
        if (::ftruncate(fd_, static_cast<off_t>(length)) != 0) fail("cannot truncate", path_);
    }
    void sync() {
        if (::fsync(fd_) != 0) fail("cannot fsync", path_);
    }

private:
    fs::path path_;
    int fd_;
};

}  // namespace

UploadStore::UploadStore(const common::DataLayout& layout, const Clock& clock, UploadLimits limits)
    : layout_(layout), clock_(clock), limits_(limits) {
    const fs::path dir = layout_.resumable_uploads();
    fs::create_directories(dir);
    std::vector<fs::path> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path());
    for (const fs::path& p : names) {
        const std::string id = p.stem().string();
        const bool info = p.extension() == kInfo;
        std::error_code ec;
        const auto meta = info ? read_info(p) : std::nullopt;
        const auto bytes = meta ? fs::file_size(layout_.resumable_part(id), ec) : 0;
        if (meta && !ec && bytes <= meta->length) {
            entries_[id] = std::make_shared<Entry>();
            entries_[id]->meta = *meta;
        } else if (info || (p.extension() == kPart && !fs::exists(layout_.resumable_info(id)))) {
            // Half created, or unreadable: nobody was told its address.
            fs::remove(layout_.resumable_part(id), ec);
            fs::remove(p, ec);
        } else if (p.extension() != kPart) {
            fs::remove(p, ec);  // a temporary file of a write cut short
        }
    }
}

std::shared_ptr<UploadStore::Entry> UploadStore::find(const std::string& id) {
    std::lock_guard<std::mutex> guard(mutex_);
    const auto it = entries_.find(id);
    return it == entries_.end() ? nullptr : it->second;
}

std::optional<Refusal> UploadStore::hold(const std::string& id, std::shared_ptr<Entry>& entry, std::unique_lock<std::mutex>& lock) {
    entry = find(id);
    if (!entry) return no_such_upload();
    lock = std::unique_lock<std::mutex>(entry->lock, std::try_to_lock);
    if (!lock) return Refusal{423, "upload_busy", "", "此文件的另一次上传还在进行，请稍候再试", {}, 1};
    if (entry->gone) return no_such_upload();
    if (clock_.now() >= entry->meta.expires) return Refusal{410, "upload_expired", "", "上传已过期，请重新选择文件上传", {}};
    return std::nullopt;
}

void UploadStore::remove(const std::string& id, Entry& entry) {
    std::error_code ec;
    // The info first: an upload without it is swept at the next start.
    fs::remove(layout_.resumable_info(id), ec);
    fs::remove(layout_.resumable_part(id), ec);
    entry.gone = true;
    std::lock_guard<std::mutex> guard(mutex_);
    entries_.erase(id);
}

std::optional<Refusal> UploadStore::terminate(const std::string& id) {
    std::shared_ptr<Entry> entry;
    std::unique_lock<std::mutex> lock;
    if (auto refusal = hold(id, entry, lock)) return refusal;
    remove(id, *entry);
    return std::nullopt;
}

std::size_t UploadStore::sweep() {
    std::vector<std::pair<std::string, std::shared_ptr<Entry>>> all;
    {
        std::lock_guard<std::mutex> guard(mutex_);
        all.assign(entries_.begin(), entries_.end());
    }
    std::size_t removed = 0;
    const auto now = clock_.now();
    for (auto& [id, entry] : all) {
        // One in use is not swept now: its request is about to be refused as expired, or the next sweep takes it.
        std::unique_lock<std::mutex> lock(entry->lock, std::try_to_lock);
        if (!lock || entry->gone || now < entry->meta.expires) continue;
        remove(id, *entry);
        ++removed;
    }
    return removed;
}

std::optional<Refusal> UploadStore::create(UploadMeta meta, std::string& id) {
    if (meta.length > limits_.max_bytes)
        return Refusal{413, "file_too_large", meta.field, "上传文件超过" + std::to_string(limits_.max_bytes / (1024 * 1024)) + "MB", {}};
    sweep();
    meta.expires = clock_.now() + limits_.lifetime;
    {
        std::lock_guard<std::mutex> guard(mutex_);
        std::size_t of_unit = 0;
        for (const auto& [other, entry] : entries_) of_unit += entry->meta.unit == meta.unit ? 1 : 0;
        if (of_unit >= limits_.per_unit)
            return Refusal{429, "too_many_uploads", meta.field, "同时进行的上传过多（最多" + std::to_string(limits_.per_unit) + "个），请先提交已上传的文件或稍后再试", {}, 60};
        if (entries_.size() >= limits_.total) return Refusal{429, "too_many_uploads", meta.field, "服务器上同时进行的上传过多，请稍后再试", {}, 60};
        id = random_token(16);
        entries_[id] = std::make_shared<Entry>();
        entries_[id]->meta = meta;
    }
    // Known to this process before it is on disk; nobody learns the id before both files are.
    const std::shared_ptr<Entry> entry = find(id);
    std::unique_lock<std::mutex> lock(entry->lock);
    try {
        Fd(layout_.resumable_part(id), O_WRONLY | O_CREAT | O_EXCL).sync();
        write_durably(layout_.resumable_info(id), info_of(meta).dump() + "\n");
    } catch (...) {
        remove(id, *entry);  // a full disk must not leave an upload that cannot be read
        throw;
    }
    return std::nullopt;
}

std::optional<Refusal> UploadStore::offset(const std::string& id, std::size_t& offset, UploadMeta& meta) {
    std::shared_ptr<Entry> entry;
    std::unique_lock<std::mutex> lock;
    if (auto refusal = hold(id, entry, lock)) return refusal;
    meta = entry->meta;
    offset = fs::file_size(layout_.resumable_part(id));
    return std::nullopt;
}

std::optional<Refusal> UploadStore::append(const std::string& id, std::size_t at, const std::optional<ChunkChecksum>& checksum,
                                           const std::function<bool(const ChunkSink&)>& read_body, std::size_t& offset, UploadMeta& meta) {
    std::shared_ptr<Entry> entry;
    std::unique_lock<std::mutex> lock;
    if (auto refusal = hold(id, entry, lock)) return refusal;
    meta = entry->meta;
    const fs::path part = layout_.resumable_part(id);
    const std::size_t start = fs::file_size(part);
    offset = start;
    if (at != start) return Refusal{409, "wrong_offset", "", "续传位置不对：服务器已收到" + std::to_string(start) + "字节，请从那里接着上传", {}};
    const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (checksum && (!md || EVP_DigestInit_ex(md.get(), EVP_get_digestbyname(checksum->algorithm.c_str()), nullptr) != 1))
        throw std::runtime_error("digest unavailable: " + checksum->algorithm);
    Fd out(part, O_WRONLY | O_APPEND);
    std::size_t received = 0;
    bool beyond = false;
    const bool whole = read_body([&](const char* data, std::size_t n) {
        if (start + received + n > meta.length) return !(beyond = true);
        out.write(data, n);
        if (checksum) EVP_DigestUpdate(md.get(), data, n);
        received += n;
        return true;
    });
    std::optional<Refusal> refusal;
    if (beyond) refusal = Refusal{413, "beyond_length", "", "上传内容超过了创建上传时声明的长度", {}};
    else if (checksum && whole) {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        EVP_DigestFinal_ex(md.get(), digest, &n);
        if (std::string(reinterpret_cast<const char*>(digest), n) != checksum->digest)
            refusal = Refusal{460, "checksum_mismatch", "", "这一段数据校验不符，未被保存，请重新发送", {}};
    }
    // A chunk with a checksum that broke off cannot be checked: dropped as a mismatch is.
    if (refusal || (checksum && !whole)) out.truncate(start);
    else offset = start + received;
    out.sync();
    if (!whole && !refusal) refusal = Refusal{400, "transfer_broken", "", "传输中断，已收到的部分已保存，请续传", {}};
    return refusal;
}

std::optional<Refusal> UploadStore::claim(const std::string& id, const std::string& unit, const std::string& form, const std::string& field,
                                          std::unique_ptr<Claim>& claim) {
    std::shared_ptr<Entry> entry;
    std::unique_lock<std::mutex> lock;
    if (auto refusal = hold(id, entry, lock)) {
        refusal->field = field;
        return refusal;
    }
    const UploadMeta& m = entry->meta;
    if (m.unit != unit) return Refusal{403, "not_your_upload", field, "此上传不属于本单位", {}};
    if (m.form != form || m.field != field) return Refusal{422, "upload_elsewhere", field, "此上传是为另一表单项创建的，请重新选择文件", {}};
    if (fs::file_size(layout_.resumable_part(id)) != m.length) return Refusal{409, "upload_unfinished", field, "文件尚未上传完毕", {}};
    claim.reset(new Claim(*this, entry, std::move(lock), id));
    return std::nullopt;
}

UploadStore::Claim::Claim(UploadStore& store, std::shared_ptr<Entry> entry, std::unique_lock<std::mutex> lock, std::string id)
    : store_(store), entry_(std::move(entry)), lock_(std::move(lock)), id_(std::move(id)), file_(store.layout_.resumable_part(id_)),
      meta_(entry_->meta) {}

void UploadStore::Claim::consume() { store_.remove(id_, *entry_); }

}  // namespace collector
