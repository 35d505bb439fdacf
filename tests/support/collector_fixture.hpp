#pragma once
// The real collector on a free loopback port, with a real git data
// directory, over a copy of the bundled site's data.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "collector/intake.hpp"
#include "support/raw_http.hpp"
#include "support/tiny_site.hpp"

namespace testing {

class RunningCollector {
public:
    // `now`: the collector's clock, e.g. "2019-09-01T09:00:00+08:00".
    explicit RunningCollector(const std::string& now, collector::IntakeLimits limits = {}, collector::GitOptions git = {});
    ~RunningCollector();

    int port() const { return port_; }
    const std::filesystem::path& data() const { return data_; }
    const common::DataLayout& layout() const { return store_->layout(); }
    // A stored version, read as strictly as the generator reads it.
    common::StoredVersion stored(const std::string& form, const std::string& unit, int version) const;
    // The access code of a unit, issued on first use.
    std::string code(const std::string& unit);
    HttpReply post(const std::string& form, const std::vector<FormPart>& parts, const std::string& extra_headers = "");
    void flush_git() { git_->flush(); }
    std::string git(const std::string& args) const;  // output of `git -C data <args>`
    std::string audit_log() const;

private:
    TempDir dir_;
    std::filesystem::path site_, data_;
    collector::SiteRules rules_;
    std::unique_ptr<collector::Pages> pages_;
    collector::Clock clock_;
    std::unique_ptr<collector::SubmissionStore> store_;
    std::unique_ptr<collector::AccessCodes> codes_;
    std::unique_ptr<collector::AuditLog> audit_;
    std::unique_ptr<collector::GitCommitter> git_;
    std::unique_ptr<collector::Intake> intake_;
    std::thread thread_;
    int port_ = 0;
    std::map<std::string, std::string> issued_;
};

// The version of the bundled privacy notice (data/privacy.json).
std::string privacy_version();

// Parts of a complete, valid submission of the bundled forms.
std::vector<FormPart> task_book_parts(const std::string& unit, const std::string& code);
std::vector<FormPart> application_parts(const std::string& unit, const std::string& code, const std::string& file_name,
                                        const std::string& file_bytes);

// A small valid PDF.
std::string tiny_pdf();

// A zip of stored (uncompressed) entries. `claimed_size`, when set, is what
// the central directory says each entry inflates to: a bomb's signature.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries, unsigned long claimed_size = 0);

}  // namespace testing
