#pragma once
// The keys that seal personal data, one per call, in the key directory
// (outside the data directory, never committed or pushed):
//   data/CALL.key        32 random bytes, owner-only (0600) in a 0700 folder
//   data/CALL.forgotten  left when the key is destroyed: the day, and by whom
// A call's personal data is readable while its key exists and is gone for
// good once the key is destroyed: the repository, its remotes and its
// backups hold only ciphertext (sealed_box.hpp).

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace common {

enum class KeyState { present, forgotten, missing };

class DataKeys {
public:
    // The collector makes the folder owner-only if missing; readers expect
    // it. Throws std::runtime_error when it is missing for a reader, or open
    // to others and cannot be closed.
    enum Opening { make, existing };
    explicit DataKeys(std::filesystem::path dir, Opening opening = make);

    const std::filesystem::path& dir() const { return dir_; }
    // The call's key, made (durably, before it is used) when the call has
    // none; throws when the call's key was forgotten: nothing is sealed again.
    std::string key_for_sealing(const std::string& call);
    // The call's key when it exists.
    std::optional<std::string> key(const std::string& call) const;
    KeyState state(const std::string& call) const;
    // Destroys the call's key and leaves its tombstone; false when it had none.
    bool forget(const std::string& call, const std::string& day, const std::string& by);
    // Every call with a key or a tombstone, and its state.
    std::map<std::string, KeyState> calls() const;

private:
    std::filesystem::path file(const std::string& call, const char* ext) const;
    std::filesystem::path dir_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::string> cache_;
};

}  // namespace common
