// collector: receives applications and task books into a versioned data
// directory (serve), and issues access codes and staff accounts, stores
// fixtures and lists records from the command line. `collector --help` and
// `collector COMMAND --help` say how.

#include <csignal>
#include <fstream>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>

#include "collector/page_table.hpp"
#include "collector/record_check.hpp"
#include "collector/record_commits.hpp"
#include "collector/forgetting.hpp"
#include "collector/receipt_keys.hpp"
#include "collector/routes.hpp"
#include "collector/signed_receipt.hpp"
#include "collector/staff_accounts.hpp"
#include "collector/store_from_files.hpp"
#include "common/command_line.hpp"
#include "common/diagnostic.hpp"
#include "common/urls.hpp"

namespace {

int issue_code(const std::filesystem::path& data, const std::string& unit) {
    std::filesystem::create_directories(data);
    collector::SecretHasher hasher;
    collector::AccessCodes codes(data, hasher);
    std::printf("%s\n", codes.issue(unit).c_str());
    return 0;
}

// An expert's unit and county, checked against data/units.json (collector::place_expert).
bool expert_place(const std::string& site, const std::string& unit, std::string& county) {
    common::Diagnostics diags;
    const collector::SiteRules rules = collector::load_site_rules(site, diags);
    for (const common::Diagnostic& d : diags.sorted()) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    if (!diags.empty()) return false;
    if (const auto problem = collector::place_expert(rules.units, unit, county)) {
        std::fprintf(stderr, "collector: --%s: %s (%s)\n", problem->field.c_str(), problem->message.c_str(), problem->code.c_str());
        return false;
    }
    return true;
}

struct StaffOptions {
    std::filesystem::path data, site;
    std::string login, name, unit, county;
    bool expert = false;
};

// A city staff or expert account; its password is printed once, as a code is.
int add_staff(StaffOptions o) {
    if (o.expert && !expert_place(o.site, o.unit, o.county)) return 1;
    std::filesystem::create_directories(o.data);
    collector::SecretHasher hasher;
    collector::StaffAccounts staff(o.data, hasher);
    std::printf("%s\n", (o.expert ? staff.add_expert(o.login, o.name, o.unit, o.county) : staff.add(o.login, o.name)).c_str());
    return 0;
}

// Stores a version as if it had been received, for test fixtures outside
// C++: the record on stdin without the keys the store decides (format,
// version, files), each upload from a file.
// FIELD=ORIGINAL-NAME=PATH: the path may hold '=', the names may not.
std::optional<collector::LocalUpload> upload_of(const std::string& value) {
    const auto eq1 = value.find('='), eq2 = eq1 == std::string::npos ? eq1 : value.find('=', eq1 + 1);
    if (eq2 == std::string::npos) return std::nullopt;
    return collector::LocalUpload{value.substr(0, eq1), value.substr(eq1 + 1, eq2 - eq1 - 1), value.substr(eq2 + 1)};
}

struct StoreOptions {
    std::filesystem::path site, data, keys;
    std::vector<std::string> files;
};

int store_record(const StoreOptions& o) {
    common::Diagnostics diags;
    const collector::SiteRules rules = collector::load_site_rules(o.site, diags);
    for (const common::Diagnostic& d : diags.sorted()) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    if (!diags.empty()) return 1;
    const auto& files = o.files;
    std::vector<collector::LocalUpload> uploads;
    for (const std::string& f : files) uploads.push_back(*upload_of(f));
    common::JsonFile in = common::parse_json(std::string(std::istreambuf_iterator<char>(std::cin), {}), "<stdin>");
    if (!in.value.is_object()) in.fail_at("", "expected a record (an object)");
    for (const char* key : {"format", "version", "files"})
        if (in.value.contains(key)) in.fail_at(std::string("/") + key, std::string("\"") + key + "\" is for the store to decide");
    // Placeholders, so that the strict reading checks everything else; the store replaces them.
    in.value.update({{"format", common::kSubmissionRecord.format}, {"version", 0}, {"files", nlohmann::json::array()}});
    std::filesystem::create_directories(o.data);
    collector::SubmissionStore store(o.data, o.keys);
    common::StoredVersion record = common::read_stored_version(in, nullptr);
    const common::FormDef* form = rules.form(record.form);
    if (!form) in.fail_at("/form", "the site has no form \"" + record.form + "\"");
    record.personal = common::personal_keys(form->form, record.fields);
    std::printf("%s\n", common::version_name(collector::store_from_files(store, record, uploads)).c_str());
    return 0;
}

// Every stored version as a JSON line; --verify rehashes the uploads too.
// Exit 1 when any version cannot be read or does not match.
int records(const std::filesystem::path& data, const std::filesystem::path& keys, bool verify) {
    common::Diagnostics diags;
    std::optional<common::DataKeys> opened;
    if (!keys.empty()) opened.emplace(keys, common::DataKeys::existing);
    collector::list_records(common::DataLayout(data), opened ? &*opened : nullptr, verify, std::cout, diags);
    for (const common::Diagnostic& d : diags.sorted()) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    return diags.empty() ? 0 : 1;
}

struct ServeFlags {
    std::filesystem::path site, data, keys;
    std::string listen = "127.0.0.1:8081", now, remote, proxy;
    collector::AdmissionLimits admission;
};

int serve(const ServeFlags& o) {
    const std::filesystem::path &site = o.site, &data = o.data;
    const std::string &listen = o.listen, &now = o.now, &remote = o.remote, &proxy = o.proxy;
    const auto colon = listen.rfind(':');
    // cpp-httplib 0.11.4 reads a request head of any number of lines (each up
    // to 8 KiB) into memory before any hook of ours sees it: only a proxy in
    // front can bound it (deploy/nginx: large_client_header_buffers).
    const std::string host = listen.substr(0, colon);
    const bool loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
    if (!loopback && proxy.empty()) {
        std::fprintf(stderr, "collector: will not listen on %s: it cannot bound the size of a request head itself; listen on 127.0.0.1 behind "
                             "nginx (deploy/nginx/), or say which proxy in front bounds it with --behind-proxy NAME\n",
                     listen.c_str());
        return 2;
    }
    if (!proxy.empty()) std::fprintf(stderr, "collector: request heads are bounded by %s in front, not by the collector\n", proxy.c_str());

    // Signals are taken by one thread that stops the server cleanly.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    common::Diagnostics diags;
    const collector::SiteRules rules = collector::load_site_rules(site, diags);
    collector::Pages pages(site, rules, diags);
    for (const common::Diagnostic& d : diags.sorted()) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    if (!diags.empty()) return 1;
    std::filesystem::create_directories(data);
    const collector::Clock clock = now.empty() ? collector::Clock() : collector::Clock::starting_at(now);
    collector::SubmissionStore store(data, o.keys);
    collector::SecretHasher hasher;
    collector::AccessCodes codes(data, hasher);
    collector::StaffAccounts staff(data, hasher);
    collector::SignIn sign_in(codes, staff);
    collector::AuditLog audit(store.layout().audit_log(), store.keys());
    collector::GitCommitter git(data, {remote}, collector::found_records(rules, store.layout()));
    collector::ReviewChain chain(rules, store, git, audit, clock);
    std::optional<collector::ReceiptKeys> keys;
    if (collector::ReceiptKeys::present(o.keys)) keys.emplace(o.keys);
    else std::fprintf(stderr, "collector: receipts are not signed: %s holds no receipt key (collector receipt-key)\n", o.keys.c_str());
    collector::UploadStore uploads(store.layout(), clock);
    collector::TusEndpoint tus(rules, sign_in, uploads, audit, clock);
    collector::Intake intake(rules, pages, store, sign_in, chain, git, audit, clock, {}, keys ? &*keys : nullptr, &uploads);
    collector::Sessions sessions;
    collector::AccountPages account(rules, sign_in, sessions, pages, audit, clock);
    collector::SignedInPages signed_in(sessions, pages, account);
    const collector::PageTable table(rules, chain, store, staff, git, audit, clock, pages, signed_in);

    std::thread stopper([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        collector::stop_server();
    });
    collector::ServeOptions options;
    options.host = listen.substr(0, colon);
    options.port = std::stoi(listen.substr(colon + 1));
    options.admission = o.admission;
    options.uploads = &tus;
    options.on_listening = [&](int port) {
        std::printf("collector: listening on http://%s:%d\n", options.host.c_str(), port);
        std::fflush(stdout);
    };
    const bool ok = collector::serve(intake, signed_in, options);
    if (!ok) std::fprintf(stderr, "collector: cannot listen on %s\n", listen.c_str());
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    git.flush();
    return ok ? 0 : 1;
}

// Resumable uploads past their expiry are also swept whenever one is
// created (until then a request for one is answered 410); this is for a
// data directory at rest (cron).
int sweep_uploads(const std::filesystem::path& data, const std::string& now) {
    const collector::Clock clock = now.empty() ? collector::Clock() : collector::Clock::starting_at(now);
    collector::SubmissionStore store(data, {});
    collector::UploadStore uploads(store.layout(), clock);
    std::printf("%zu\n", uploads.sweep());
    return 0;
}

// A new receipt key, made current; its public half also written into the
// site's content/receipt-keys/ when `site` is given, for the next build to publish.
int new_receipt_key(const std::filesystem::path& keys, const std::filesystem::path& site) {
    const std::string id = collector::ReceiptKeys::generate(keys);
    std::printf("%s\n", id.c_str());
    if (site.empty()) return 0;
    const std::filesystem::path published = site / "content" / common::receipt_key_url(id);
    std::filesystem::create_directories(published.parent_path());
    std::filesystem::copy_file(keys / (id + ".pem"), published, std::filesystem::copy_options::overwrite_existing);
    std::fprintf(stderr, "published %s: commit it and build the site\n", published.c_str());
    return 0;
}

// Exit 0 for a receipt that verifies, 1 for any other.
int verify_receipt(const std::filesystem::path& file, const std::filesystem::path& keys) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "collector verify-receipt: cannot read %s\n", file.c_str());
        return 1;
    }
    const collector::ReceiptCheck check = collector::check_signed_receipt(std::string(std::istreambuf_iterator<char>(in), {}), keys);
    if (!check.valid) {
        std::printf("无效：%s\n", check.problem.c_str());
        return 1;
    }
    std::printf("有效：密钥%s签署\n%s", check.key.c_str(), check.statement.c_str());
    return 0;
}

// HOST:PORT, the port a number (0: any free one).
const CLI::Validator kHostPort(
    [](const std::string& value) {
        const auto colon = value.rfind(':');
        const bool ok = colon != std::string::npos && colon > 0 && colon + 1 < value.size() && value.size() <= colon + 6 &&
                        value.find_first_not_of("0123456789", colon + 1) == std::string::npos;
        return ok ? std::string() : "expected HOST:PORT, e.g. 127.0.0.1:8081";
    },
    "HOST:PORT");

const CLI::Validator kUpload([](const std::string& value) { return upload_of(value) ? std::string() : "expected FIELD=ORIGINAL-NAME=PATH"; },
                             "FIELD=ORIGINAL-NAME=PATH");

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Receives the schools' and counties' submissions and keeps each as an immutable version in a git repository.", "collector"};
    common::set_up_command_line(app, "collector");
    using common::add_path;

    ServeFlags serve_flags;
    CLI::App* serving = app.add_subcommand("serve", "take submissions and serve the signed-in pages on HOST:PORT (behind nginx, deploy/nginx/)");
    add_path(*serving, "--site", serve_flags.site, "the site whose data/ defines forms, calls, units, quotas and lists")->required();
    add_path(*serving, "--data", serve_flags.data, "the data directory, a git repository created if missing")->required();
    serving->add_option("--listen", serve_flags.listen, "where to listen (default: 127.0.0.1:8081)")->type_name("HOST:PORT")->check(kHostPort);
    serving->add_option("--behind-proxy", serve_flags.proxy, "the proxy in front that bounds request heads: needed to listen beyond loopback")
        ->type_name("NAME");
    serving->add_option("--now", serve_flags.now, "start the collector's clock here instead of now (tests, demonstrations)")->type_name("RFC3339");
    serving->add_option("--remote", serve_flags.remote, "a git remote pushed after each batch of commits")->type_name("GIT-REMOTE");
    add_path(*serving, "--keys", serve_flags.keys,
             "the key directory, outside the data directory (made owner-only): the calls' keys that seal personal data, and the receipt key")
        ->required();
    serving->add_option("--workers", serve_flags.admission.workers, "requests handled at once")->type_name("N")->check(CLI::Range(1, 9999));
    serving->add_option("--queue", serve_flags.admission.waiting, "requests waiting beyond those before 503 busy")->type_name("N")->check(CLI::Range(1, 9999));

    std::filesystem::path code_data;
    std::string code_unit;
    CLI::App* issuing = app.add_subcommand("issue-code", "print a new access code for UNIT once; it withdraws the unit's earlier codes");
    add_path(*issuing, "--data", code_data, "the data directory")->required();
    issuing->add_option("UNIT", code_unit, "a unit id of data/units.json")->required();

    StaffOptions staff;
    CLI::App* adding = app.add_subcommand("add-staff", "print the password of a new city staff or expert account once; again, a new password");
    add_path(*adding, "--data", staff.data, "the data directory")->required();
    adding->add_option("LOGIN", staff.login, "lower-case letters, digits and hyphens")->required();
    adding->add_option("--name", staff.name, "the person's name (personal data)")->required();
    CLI::Option* expert = adding->add_flag("--expert", staff.expert, "an expert's account, with the unit and county conflicts are judged by");
    add_path(*adding, "--site", staff.site, "with --expert: the site whose data/units.json names the unit and county")->needs(expert);
    adding->add_option("--unit", staff.unit, "with --expert: the expert's school or county bureau")->type_name("UNIT")->needs(expert);
    adding->add_option("--county", staff.county, "with --expert: the expert's county")->type_name("COUNTY")->needs(expert);

    StoreOptions store;
    CLI::App* storing = app.add_subcommand("store-record", "store the record on standard input as if received, for test fixtures");
    add_path(*storing, "--site", store.site, "the site whose form says which fields are personal")->required();
    add_path(*storing, "--data", store.data, "the data directory")->required();
    add_path(*storing, "--keys", store.keys, "the key directory that seals personal fields")->required();
    storing->add_option("--file", store.files, "an upload of the record, from a file")->type_name("FIELD=ORIGINAL-NAME=PATH")->check(kUpload);

    std::filesystem::path records_data, records_keys;
    bool verify = false;
    CLI::App* listing = app.add_subcommand("records", "print every stored version as a JSON line; exit 1 when one does not read");
    add_path(*listing, "--data", records_data, "the data directory")->required();
    add_path(*listing, "--keys", records_keys, "the key directory: personal fields opened (without it they print empty)");
    listing->add_flag("--verify", verify, "rehash every upload too");

    collector::ForgetOptions due_options;
    due_options.today = collector::Clock().today_shanghai();
    CLI::App* due = app.add_subcommand("retention", "list each call's personal data: sealed or forgotten, and the day it is due to be forgotten");
    CLI::App* forgetting = app.add_subcommand("forget", "forget a call's personal data for good by destroying its key, once it is due");
    for (CLI::App* command : {due, forgetting}) {
        add_path(*command, "--site", due_options.site, "the site whose data/ defines the calls and lists")->required();
        add_path(*command, "--data", due_options.data, "the data directory")->required();
        add_path(*command, "--keys", due_options.keys, "the key directory")->required();
        command->add_option("--today", due_options.today, "the day to judge by, instead of today")->type_name("YYYY-MM-DD");
    }
    forgetting->add_option("--call", due_options.call, "the call, a key of data/calls/")->type_name("KEY")->required();
    forgetting->add_option("--by", due_options.by, "who forgets it, as the key's tombstone records")->type_name("NAME")->required();
    forgetting->add_flag("--before-due", due_options.before_due, "forget it before its day too (consent withdrawn)");

    std::filesystem::path log_data, log_keys;
    CLI::App* auditing = app.add_subcommand("audit-log", "print the audit log with the client addresses opened by the key directory");
    add_path(*auditing, "--data", log_data, "the data directory")->required();
    add_path(*auditing, "--keys", log_keys, "the key directory")->required();

    std::filesystem::path sweep_data;
    std::string sweep_now;
    CLI::App* sweeping = app.add_subcommand("sweep-uploads", "remove expired resumable uploads of a data directory no collector serves; print how many");
    add_path(*sweeping, "--data", sweep_data, "the data directory")->required();
    sweeping->add_option("--now", sweep_now, "judge expiry at this time instead of now (tests)")->type_name("RFC3339");

    std::filesystem::path key_dir, key_site;
    CLI::App* keying = app.add_subcommand("receipt-key", "make a new SM2 receipt key and sign new receipts with it; the old keys stay for checking");
    add_path(*keying, "--keys", key_dir, "the receipt key directory, outside the data directory (made owner-only)")->required();
    add_path(*keying, "--publish", key_site, "also write its public key into this site's content/receipt-keys/");

    std::filesystem::path receipt_file, receipt_keys;
    CLI::App* verifying = app.add_subcommand("verify-receipt", "check a signed receipt against the published public keys; exit 1 unless it verifies");
    add_path(*verifying, "FILE", receipt_file, "the signed receipt (.sm2) as downloaded", "FILE")->required();
    add_path(*verifying, "--keys", receipt_keys, "a directory of the public keys, KEYID.pem (the site's receipt-keys/ or the key directory)")
        ->required();

    if (const auto exit = common::parse_command_line(app, argc, argv)) return *exit;
    if (staff.expert && staff.site.empty()) {
        std::fputs("collector add-staff: --expert needs --site\nRun with --help for more information.\n", stderr);
        return common::kUsageError;
    }
    try {
        if (*serving) return serve(serve_flags);
        if (*issuing) return issue_code(code_data, code_unit);
        if (*adding) return add_staff(staff);
        if (*storing) return store_record(store);
        if (*sweeping) return sweep_uploads(sweep_data, sweep_now);
        if (*keying) return new_receipt_key(key_dir, key_site);
        if (*auditing) {
            collector::print_audit_log(common::DataLayout(log_data).audit_log(), common::DataKeys(log_keys, common::DataKeys::existing), std::cout);
            return 0;
        }
        if (*due) return collector::list_retention(due_options, std::cout);
        if (*forgetting) return collector::forget_call(due_options, std::cout);
        if (*verifying) return verify_receipt(receipt_file, receipt_keys);
        return records(records_data, records_keys, verify);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "collector: %s\n", e.what());
        return 1;
    }
}
