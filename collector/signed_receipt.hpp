#pragma once
// A signed receipt: the bureau's statement of what it received, signed with
// its receipt key (collector/receipt_keys.hpp), as a file the school keeps
// and anyone can check offline. The statement is one line of JSON (keys
// sorted) ending in a newline; those bytes are what is signed:
//   form, call, unit, version, receipt, received_at;
//   files: field, name, bytes, sha256 and sm3 of each upload, as stored;
//   fields_sm3: the SM3 of the field set, as one line of JSON with sorted keys;
//   key: the id of the key that signs it.
// The file is the statement between two armour lines, then the DER signature
// in base64 between two more, so that `sed` and `openssl` alone can check it
// (README, "Signed receipts").

#include <optional>
#include <string>

#include "collector/receipt_keys.hpp"
#include "common/data_layout.hpp"
#include "common/stored_version.hpp"

namespace collector {

// The statement of a stored version, with the uploads' SM3 read from disk.
std::string receipt_statement(const common::StoredVersion& v, const common::DataLayout& layout, const std::string& key_id);
// The statement signed with the current key, as the file a school downloads.
std::string signed_receipt_file(const std::string& statement, const ReceiptKeys& keys);
// Groups of four of the statement's SM3, as the receipt page prints it to compare with the file.
std::string statement_fingerprint(const std::string& statement);

// What checking a receipt file found: on success the statement as read.
struct ReceiptCheck {
    bool valid = false;
    std::string problem;  // why not, in Chinese
    std::string statement;
    std::string key;
};
// Checks `file_text` against the public keys in `public_keys` (KEYID.pem, as the site publishes them).
ReceiptCheck check_signed_receipt(const std::string& file_text, const std::filesystem::path& public_keys);

}  // namespace collector
