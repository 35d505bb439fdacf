#pragma once
// The real collector on a free loopback port, with a real git data
// directory, over a copy of the bundled site's data.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "collector/intake.hpp"
#include "collector/page_table.hpp"
#include "collector/signed_in_pages.hpp"
#include "collector/tus_endpoint.hpp"
#include "support/raw_http.hpp"
#include "support/tiny_site.hpp"

namespace testing {

// The signed-in pages as a test wants them: a shorter idle timeout or limit
// on failed sign-ins, and rows of pages of its own.
struct AccountSetup {
    std::chrono::seconds idle{30 * 60};
    collector::FailureLimit failures{};
    std::vector<collector::PageRow> rows{};
};

class RunningCollector {
public:
    // `now`: the collector's clock, e.g. "2019-09-01T09:00:00+08:00";
    // `site_files`: txtar files written over the copy of the bundled site.
    explicit RunningCollector(const std::string& now, collector::IntakeLimits limits = {}, collector::GitOptions git = {},
                              AccountSetup account = {}, const std::string& site_files = "");
    ~RunningCollector();

    int port() const { return port_; }
    const std::filesystem::path& data() const { return data_; }
    const std::filesystem::path& keys() const { return keys_; }
    const common::DataLayout& layout() const { return store_->layout(); }
    // A stored version, read as strictly as the generator reads it.
    common::StoredVersion stored(const std::string& form, const std::string& unit, int version) const;
    // The access code of a unit, issued on first use.
    std::string code(const std::string& unit);
    // A new code for the unit, which withdraws its earlier ones.
    std::string reissue_code(const std::string& unit);
    // The password of a new city staff account.
    std::string add_staff(const std::string& login, const std::string& name);
    HttpReply post(const std::string& form, const std::vector<FormPart>& parts, const std::string& extra_headers = "");
    void flush_git() { git_->flush(); }
    std::string git(const std::string& args) const;  // output of `git -C data <args>`
    std::string audit_log() const;  // with the client addresses opened
    // Nothing in .incoming: no version being assembled, no resumable upload.
    bool nothing_staged() const;

private:
    TempDir dir_;
    std::filesystem::path site_, data_, keys_;
    collector::SiteRules rules_;
    std::unique_ptr<collector::Pages> pages_;
    collector::Clock clock_;
    std::unique_ptr<collector::SubmissionStore> store_;
    collector::SecretHasher hasher_;
    std::unique_ptr<collector::AccessCodes> codes_;
    std::unique_ptr<collector::StaffAccounts> staff_;
    std::unique_ptr<collector::SignIn> sign_in_;
    std::unique_ptr<collector::AuditLog> audit_;
    std::unique_ptr<collector::GitCommitter> git_;
    std::unique_ptr<collector::ReviewChain> chain_;
    std::unique_ptr<collector::UploadStore> uploads_;
    std::unique_ptr<collector::TusEndpoint> tus_;
    std::unique_ptr<collector::Intake> intake_;
    std::unique_ptr<collector::Sessions> sessions_;
    std::unique_ptr<collector::AccountPages> account_;
    std::unique_ptr<collector::SignedInPages> signed_in_;
    std::unique_ptr<collector::PageTable> table_;
    std::thread thread_;
    int port_ = 0;
    std::map<std::string, std::string> issued_;
};

// The version of the bundled privacy notice (data/privacy.json).
std::string privacy_version();

// Parts of a complete, valid submission of the bundled forms, by the unit
// whose access code is `code`.
std::vector<FormPart> task_book_parts(const std::string& code);
std::vector<FormPart> application_parts(const std::string& code, const std::string& file_name, const std::string& file_bytes);

// A small valid PDF.
std::string tiny_pdf();

// A zip of stored (uncompressed) entries. `claimed_size`, when set, is what
// the central directory says each entry inflates to: a bomb's signature.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries, unsigned long claimed_size = 0);

}  // namespace testing
