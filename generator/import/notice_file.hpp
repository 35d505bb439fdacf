#pragma once
// The text of content/notices/SLUG.md for an imported notice: its front
// matter, keys in the order the bundled notices use, then its body.

#include <string>
#include <vector>

#include "generator/import/official_notice.hpp"

namespace gen::import {

struct LinkedAttachment {
    std::string title;  // as in the 附件说明
    std::string data;   // under data/: "quotas/2019.json"
};

std::string notice_file_text(const OfficialNotice& notice, const std::string& category, const std::vector<LinkedAttachment>& attachments,
                             const std::string& body);

// A YAML scalar: plain where YAML reads it back as the same string, else
// double-quoted ("附件:" would otherwise end in a mapping colon).
std::string yaml_scalar(const std::string& s);

}  // namespace gen::import
