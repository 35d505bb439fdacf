#pragma once
// The 盖章扫描件 of a stored version (docs/records.md): the school's
// filled-in copy, printed, stamped, signed and scanned, stored as an upload
// of this field beside the form's own, in a version of its own that carries
// the previous one's fields over.

#include "common/stored_version.hpp"

namespace common {

inline constexpr const char* kStampedScanField = "stamped_scan";

bool has_stamped_scan(const StoredVersion& version);

}  // namespace common
