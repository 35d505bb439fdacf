#pragma once
// What an operator (and a test after a crash) asks of a data directory:
// every stored version as the collector and the generator read it, and
// whether each upload is still the file that was receipted.

#include <ostream>

#include "common/data_keys.hpp"
#include "common/data_layout.hpp"
#include "common/diagnostic.hpp"

namespace collector {

// Writes each readable version as one JSON line, its record with "dir" (its
// directory) added. With `verify`, also rehashes every upload against its
// record. Problems go to diags; a version with any is not written.
void list_records(const common::DataLayout& layout, const common::DataKeys* keys, bool verify, std::ostream& out, common::Diagnostics& diags);

}  // namespace collector
