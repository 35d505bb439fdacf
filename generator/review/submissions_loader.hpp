#pragma once
// Reads the collector's data directory: every stored version of every
// submission. Only what the views choose is ever published.

#include <filesystem>
#include <string>

#include "common/diagnostic.hpp"
#include "generator/site_model.hpp"

namespace gen {

// With `keys_dir` (the collector's key directory) personal fields are
// opened, for the review site and the export; without, they read "".
void load_submissions(const std::filesystem::path& data_dir, const std::filesystem::path& keys_dir, Site& site, common::Diagnostics& diags);

// What every command on one call's records names: the site, the collector's
// data directory, the call (a key of data/calls/) and the file it writes.
struct CallFiles {
    std::filesystem::path site = ".";
    std::filesystem::path data;
    std::filesystem::path keys;  // the key directory, to open personal fields; may be empty
    std::string call;
    std::filesystem::path out;
};

// The site with its submissions and acts, for one call's command (export,
// list); nothing, with the reasons in diags, when anything does not load.
const Call* load_call_site(const CallFiles& files, Site& site, common::Diagnostics& diags);

// Replaces `path` whole: a failed write leaves the previous file.
void write_whole(const std::filesystem::path& path, const std::string& bytes);

}  // namespace gen
