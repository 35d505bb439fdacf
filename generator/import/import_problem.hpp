#pragma once
// Something of the Word file the import could not map, and where:
// "附件2 table 1 row 3" (empty: the notice itself), and why.

#include <string>
#include <vector>

namespace gen::import {

struct Problem {
    std::string where;
    std::string reason;
};

using Problems = std::vector<Problem>;

}  // namespace gen::import
