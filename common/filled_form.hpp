#pragma once
// A stored version as a reviewer reads it: its values in the form's own
// order, with the labels of the paper form, and what changed since the
// unit's previous version. The collector's review pages and the offline
// archive show the same.

#include <string>
#include <vector>

#include "common/form_schema.hpp"
#include "common/stored_version.hpp"

namespace common {

struct FilledValue {
    std::string key, label, value;
};

// Every value given, in document order (a table's cells row by row); a key
// the form does not know comes last, under its key.
std::vector<FilledValue> filled_values(const Form& form, const StoredVersion& version);

struct ValueChange {
    std::string label, before, after;  // "（空）" for nothing
};

// Field by field, then file by file (a file changed when its bytes did).
std::vector<ValueChange> value_changes(const Form& form, const StoredVersion& before, const StoredVersion& after);

}  // namespace common
