#include "common/stamped_scan.hpp"

namespace common {

bool has_stamped_scan(const StoredVersion& version) {
    for (const StoredFile& f : version.files)
        if (f.field == kStampedScanField) return true;
    return false;
}

}  // namespace common
