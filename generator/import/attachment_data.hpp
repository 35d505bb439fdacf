#pragma once
// An attachment of an imported notice as data/ holds it: a quota table
// (data/quotas/), a published list (data/lists/), a topic guide
// (data/topics/), the form definition data/forms/ already has under the
// attachment's title, or else a blank form's new definition (data/forms/).
// Anything else is a problem, with its place.

#include <map>
#include <optional>
#include <string>

#include "common/site_data.hpp"
#include "generator/import/import_problem.hpp"
#include "generator/import/official_notice.hpp"

namespace gen::import {

struct DataFile {
    std::string path;  // under data/: "quotas/2019.json"
    std::string text;
};

// What the site already holds that an attachment is matched against.
struct SiteSources {
    common::Units units;
    std::map<std::string, std::string> forms;  // a form's title without spaces -> "forms/ID.json"
    std::string date;                          // the notice's 成文日期: a list's publication day
};

struct MappedAttachment {
    std::string data;               // what the notice links: "quotas/2019.json"
    std::optional<DataFile> file;   // the file to write; none for a form data/ has
};

// Nothing when the attachment cannot be mapped; `problems` says why.
// `where` names it in messages: "附件2".
std::optional<MappedAttachment> map_attachment(const std::string& where, const std::string& title, const AttachmentPart& part,
                                               const SiteSources& site, Problems& problems);

}  // namespace gen::import
