#pragma once
// generator import: a notice's Word file written into a site as the bureau
// would type it, content/notices/SLUG.md and a data file per attachment
// that is a table, a blank form or a topic guide, only when the site with
// them passes generator check.

#include <filesystem>
#include <string>
#include <vector>

#include "common/diagnostic.hpp"

namespace gen::import {

struct ImportOptions {
    std::filesystem::path docx;
    std::filesystem::path site = ".";
    std::string slug;      // default: the file's stem, when it is one (a-z, 0-9, -)
    std::string category;  // 主题分类: not printed in the document
    bool force = false;    // write what could be mapped, and replace files that exist
};

struct ImportResult {
    // "FILE.docx: 附件2 table 1 row 3: error: …" for what could not be
    // mapped, the site's own diagnostics for what generator check refused.
    std::vector<common::Diagnostic> problems;
    std::vector<std::string> written;  // relative to the site, in the order written
};

ImportResult import_notice(const ImportOptions& options);

}  // namespace gen::import
