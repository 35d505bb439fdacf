#include "support/collector_fixture.hpp"

#include "support/pdf_maker.hpp"

#include <future>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "collector/record_commits.hpp"
#include "collector/routes.hpp"
#include "common/json_file.hpp"
#include "support/git_history.hpp"
#include "support/pdf_maker.hpp"

namespace testing {
namespace fs = std::filesystem;

RunningCollector::RunningCollector(const std::string& now, collector::IntakeLimits limits, collector::GitOptions git, AccountSetup account,
                                   const std::string& site_files)
    : site_(dir_.path() / "site"), data_(dir_.path() / "data"), keys_(dir_.path() / "keys"), clock_(collector::Clock::starting_at(now)) {
    fs::create_directories(site_);
    fs::copy(fs::path(REPO_ROOT) / "data", site_ / "data", fs::copy_options::recursive);
    fs::copy(fs::path(REPO_ROOT) / "themes", site_ / "themes", fs::copy_options::recursive);
    // Two schools that hold no unfinished pilot, so that they may apply.
    auto units = nlohmann::json::parse(read_file(site_ / "data/units.json"));
    units["schools"].push_back({{"id", "pingjiang-test"}, {"name", "平江县测试学校"}, {"county", "pingjiang"}});
    units["schools"].push_back({{"id", "city-test"}, {"name", "岳阳市测试学校"}, {"county", "city"}});
    write_tree(site_, "-- data/units.json --\n" + units.dump(2));
    if (!site_files.empty()) write_tree(site_, site_files);
    common::Diagnostics diags;
    rules_ = collector::load_site_rules(site_, diags);
    pages_ = std::make_unique<collector::Pages>(site_, rules_, diags);
    if (!diags.empty()) throw common::SourceError(diags.sorted().front());
    fs::create_directories(data_);
    store_ = std::make_unique<collector::SubmissionStore>(data_, keys_);
    codes_ = std::make_unique<collector::AccessCodes>(data_, hasher_);
    staff_ = std::make_unique<collector::StaffAccounts>(data_, hasher_);
    sign_in_ = std::make_unique<collector::SignIn>(*codes_, *staff_, account.failures);
    audit_ = std::make_unique<collector::AuditLog>(store_->layout().audit_log(), store_->keys());
    git_ = std::make_unique<collector::GitCommitter>(data_, std::move(git), collector::found_records(rules_, store_->layout()));
    chain_ = std::make_unique<collector::ReviewChain>(rules_, *store_, *git_, *audit_, clock_);
    uploads_ = std::make_unique<collector::UploadStore>(store_->layout(), clock_);
    tus_ = std::make_unique<collector::TusEndpoint>(rules_, *sign_in_, *uploads_, *audit_, clock_);
    intake_ = std::make_unique<collector::Intake>(rules_, *pages_, *store_, *sign_in_, *chain_, *git_, *audit_, clock_, limits, nullptr, uploads_.get());
    sessions_ = std::make_unique<collector::Sessions>(account.idle);
    account_ = std::make_unique<collector::AccountPages>(rules_, *sign_in_, *sessions_, *pages_, *audit_, clock_);
    signed_in_ = std::make_unique<collector::SignedInPages>(*sessions_, *pages_, *account_);
    table_ = std::make_unique<collector::PageTable>(rules_, *chain_, *store_, *staff_, *git_, *audit_, clock_, *pages_, *signed_in_);
    signed_in_->add(std::move(account.rows));
    std::promise<int> bound;
    thread_ = std::thread([&] {
        collector::ServeOptions options;
        options.on_listening = [&](int port) { bound.set_value(port); };
        options.uploads = tus_.get();
        if (!collector::serve(*intake_, *signed_in_, options)) bound.set_value(-1);
    });
    port_ = bound.get_future().get();
    if (port_ < 0) throw std::runtime_error("collector did not start");
}

RunningCollector::~RunningCollector() {
    collector::stop_server();
    thread_.join();
}

std::string RunningCollector::code(const std::string& unit) {
    auto it = issued_.find(unit);
    if (it == issued_.end()) it = issued_.emplace(unit, codes_->issue(unit)).first;
    return it->second;
}

std::string RunningCollector::reissue_code(const std::string& unit) { return issued_[unit] = codes_->issue(unit); }

std::string RunningCollector::add_staff(const std::string& login, const std::string& name) { return staff_->add(login, name); }

HttpReply RunningCollector::post(const std::string& form, const std::vector<FormPart>& parts, const std::string& extra_headers) {
    return raw_request(port_, multipart_request("/api/submissions/" + form, parts, extra_headers));
}

std::string RunningCollector::git(const std::string& args) const { return git_in(data_, args); }

std::string RunningCollector::audit_log() const {
    std::ostringstream opened;
    collector::print_audit_log(layout().audit_log(), *store_->reader_keys(), opened);
    return opened.str();
}

bool RunningCollector::nothing_staged() const {
    for (const auto& entry : fs::directory_iterator(layout().incoming()))
        if (entry.path() != layout().resumable_uploads() || !fs::is_empty(entry.path())) return false;
    return true;
}

common::StoredVersion RunningCollector::stored(const std::string& form, const std::string& unit, int version) const {
    return common::load_stored_version(layout(), {form, unit, version}, store_->reader_keys());
}

std::string privacy_version() {
    const auto notice = common::load_json(fs::path(REPO_ROOT) / "data/privacy.json", "data/privacy.json");
    return notice.value.at("version").get<std::string>();
}

std::vector<FormPart> task_book_parts(const std::string& code) {
    std::vector<FormPart> parts = {{"access_code", code}, {"privacy_notice", privacy_version()}, {"unit_name", "汨罗市正则学校"}, {"project_name", "智慧教育实践与探究"},
                                   {"project_leader", "何发意"}, {"contact_phone", "0730-8805708"}};
    for (const std::string y : {"2021", "2022", "2023"}) {
        parts.push_back({"content." + y, y + "年建设智慧课堂"});
        parts.push_back({"budget_total." + y, "30.5"});
        parts.push_back({"budget_higher." + y, "10"});
        parts.push_back({"budget_self." + y, "20.5"});
        parts.push_back({"budget_items." + y + ".0.item", "智慧课堂"});
        parts.push_back({"budget_items." + y + ".0.cost", "30.5"});
    }
    return parts;
}

std::vector<FormPart> application_parts(const std::string& code, const std::string& file_name, const std::string& file_bytes) {
    return {{"access_code", code},
            {"privacy_notice", privacy_version()},
            {"unit_name", "平江县测试学校"},
            {"project_name", "数字校园建设与创新应用探索"},
            {"leader", "王某"},
            {"leader_mobile", "13912345678"},
            {"contact", "李某"},
            {"contact_mobile", "13812345678"},
            {"plan_summary", "建设数字校园。"},
            {"work_plan", file_bytes, file_name, "application/pdf"}};
}

namespace {
void put16(std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& s, unsigned long v) {
    put16(s, static_cast<unsigned>(v & 0xffff));
    put16(s, static_cast<unsigned>((v >> 16) & 0xffff));
}
// The zip's CRC-32 (ISO 3309), bit by bit: test files are small.
unsigned long crc32_of(const std::string& data) {
    unsigned long crc = 0xFFFFFFFFul;
    for (unsigned char byte : data) {
        crc ^= byte;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320ul & (0ul - (crc & 1)));
    }
    return crc ^ 0xFFFFFFFFul;
}

}  // namespace

std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries, unsigned long claimed_size) {
    std::string out, central;
    for (const auto& [name, data] : entries) {
        const unsigned long offset = out.size();
        const unsigned long crc = crc32_of(data);
        put32(out, 0x04034b50);
        put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0);
        put32(out, crc), put32(out, data.size()), put32(out, data.size());
        put16(out, static_cast<unsigned>(name.size())), put16(out, 0);
        out += name + data;
        put32(central, 0x02014b50);
        put16(central, 20), put16(central, 20), put16(central, 0), put16(central, 0), put16(central, 0), put16(central, 0);
        put32(central, crc), put32(central, data.size()), put32(central, claimed_size ? claimed_size : data.size());
        put16(central, static_cast<unsigned>(name.size())), put16(central, 0), put16(central, 0), put16(central, 0), put16(central, 0);
        put32(central, 0), put32(central, offset);
        central += name;
    }
    const unsigned long cd_offset = out.size();
    out += central;
    put32(out, 0x06054b50);
    put16(out, 0), put16(out, 0), put16(out, static_cast<unsigned>(entries.size())), put16(out, static_cast<unsigned>(entries.size()));
    put32(out, central.size()), put32(out, cd_offset), put16(out, 0);
    return out;
}

std::string tiny_pdf() { return make_pdf(PdfSpec{}); }

}  // namespace testing
