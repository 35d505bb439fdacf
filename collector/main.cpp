// collector: receives applications and task books into a versioned data directory.
//   collector serve --site DIR --data DIR [--listen HOST:PORT] [--behind-proxy NAME] [--now RFC3339] [--remote GIT-REMOTE]
//                   [--workers N] [--queue N]
//   collector issue-code --data DIR UNIT
//   collector add-staff --data DIR LOGIN --name NAME [--expert --site DIR [--unit UNIT] [--county COUNTY]]
//   collector store-record --data DIR [--file FIELD=ORIGINAL-NAME=PATH]... < RECORD.json
//   collector records --data DIR [--verify]

#include <csignal>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>

#include "collector/page_table.hpp"
#include "collector/record_check.hpp"
#include "collector/record_commits.hpp"
#include "collector/routes.hpp"
#include "collector/staff_accounts.hpp"
#include "collector/store_from_files.hpp"
#include "common/diagnostic.hpp"

namespace {

int usage() {
    std::fputs(
        "usage: collector serve --site DIR --data DIR [--listen HOST:PORT] [--behind-proxy NAME] [--now 2019-09-01T09:00:00+08:00] [--remote GIT-REMOTE]\n"
        "                         [--workers N] [--queue N]\n"
        "       collector issue-code --data DIR UNIT\n"
        "       collector add-staff --data DIR LOGIN --name NAME [--expert --site DIR [--unit UNIT] [--county COUNTY]]\n"
        "       collector store-record --data DIR [--file FIELD=ORIGINAL-NAME=PATH]... < RECORD.json\n"
        "       collector records --data DIR [--verify]\n",
        stderr);
    return 2;
}

int issue_code(int argc, char** argv) {
    std::string data, unit;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--data" && i + 1 < argc) data = argv[++i];
        else if (unit.empty() && arg[0] != '-') unit = arg;
        else return usage();
    }
    if (data.empty() || unit.empty()) return usage();
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

// A city staff or expert account; its password is printed once, as a code is.
int add_staff(int argc, char** argv) {
    std::string data, login, name, site, unit, county;
    bool expert = false;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--data" && i + 1 < argc) data = argv[++i];
        else if (arg == "--name" && i + 1 < argc) name = argv[++i];
        else if (arg == "--site" && i + 1 < argc) site = argv[++i];
        else if (arg == "--unit" && i + 1 < argc) unit = argv[++i];
        else if (arg == "--county" && i + 1 < argc) county = argv[++i];
        else if (arg == "--expert") expert = true;
        else if (login.empty() && arg[0] != '-') login = arg;
        else return usage();
    }
    if (data.empty() || login.empty() || name.empty() || expert == site.empty()) return usage();
    if (expert && !expert_place(site, unit, county)) return 1;
    std::filesystem::create_directories(data);
    collector::SecretHasher hasher;
    collector::StaffAccounts staff(data, hasher);
    std::printf("%s\n", (expert ? staff.add_expert(login, name, unit, county) : staff.add(login, name)).c_str());
    return 0;
}

// Stores a version as if it had been received, for test fixtures outside
// C++: the record on stdin without the keys the store decides (format,
// version, files), each upload from a file.
int store_record(int argc, char** argv) {
    std::string data;
    std::vector<collector::LocalUpload> uploads;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string arg = argv[i], value = argv[i + 1];
        // FIELD=ORIGINAL-NAME=PATH: the path may hold '=', the names may not.
        const auto eq1 = value.find('='), eq2 = eq1 == std::string::npos ? eq1 : value.find('=', eq1 + 1);
        if (arg == "--data") data = value;
        else if (arg == "--file" && eq2 != std::string::npos)
            uploads.push_back({value.substr(0, eq1), value.substr(eq1 + 1, eq2 - eq1 - 1), value.substr(eq2 + 1)});
        else return usage();
    }
    if ((argc - 2) % 2 != 0 || data.empty()) return usage();
    common::JsonFile in = common::parse_json(std::string(std::istreambuf_iterator<char>(std::cin), {}), "<stdin>");
    if (!in.value.is_object()) in.fail_at("", "expected a record (an object)");
    for (const char* key : {"format", "version", "files"})
        if (in.value.contains(key)) in.fail_at(std::string("/") + key, std::string("\"") + key + "\" is for the store to decide");
    // Placeholders, so that the strict reading checks everything else; the store replaces them.
    in.value.update({{"format", common::kSubmissionRecord.format}, {"version", 0}, {"files", nlohmann::json::array()}});
    std::filesystem::create_directories(data);
    collector::SubmissionStore store(data);
    std::printf("%s\n", common::version_name(collector::store_from_files(store, common::read_stored_version(in), uploads)).c_str());
    return 0;
}

// Every stored version as a JSON line; --verify rehashes the uploads too.
// Exit 1 when any version cannot be read or does not match.
int records(int argc, char** argv) {
    std::string data;
    bool verify = false;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--data" && i + 1 < argc) data = argv[++i];
        else if (arg == "--verify") verify = true;
        else return usage();
    }
    if (data.empty()) return usage();
    common::Diagnostics diags;
    collector::list_records(common::DataLayout(data), verify, std::cout, diags);
    for (const common::Diagnostic& d : diags.sorted()) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    return diags.empty() ? 0 : 1;
}

// A positive count of at most four digits: more threads than that is a typo.
bool count_of(const std::string& text, std::size_t& out) {
    if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos || std::stoul(text) == 0) return false;
    out = std::stoul(text);
    return true;
}

int serve(int argc, char** argv) {
    std::string site, data, listen = "127.0.0.1:8081", now, remote, proxy;
    collector::AdmissionLimits admission;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--site") site = argv[i + 1];
        else if (arg == "--data") data = argv[i + 1];
        else if (arg == "--listen") listen = argv[i + 1];
        else if (arg == "--now") now = argv[i + 1];
        else if (arg == "--remote") remote = argv[i + 1];
        else if (arg == "--behind-proxy") proxy = argv[i + 1];
        else if (arg == "--workers" && count_of(argv[i + 1], admission.workers)) continue;
        else if (arg == "--queue" && count_of(argv[i + 1], admission.waiting)) continue;
        else return usage();
    }
    if ((argc - 2) % 2 != 0 || site.empty() || data.empty()) return usage();
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) return usage();
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
    collector::SubmissionStore store(data);
    collector::SecretHasher hasher;
    collector::AccessCodes codes(data, hasher);
    collector::StaffAccounts staff(data, hasher);
    collector::SignIn sign_in(codes, staff);
    collector::AuditLog audit(store.layout().audit_log());
    collector::GitCommitter git(data, {remote}, collector::found_records(rules, store.layout()));
    collector::ReviewChain chain(rules, store, git, audit, clock);
    collector::Intake intake(rules, pages, store, sign_in, chain, git, audit, clock);
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
    options.admission = admission;
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

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    const std::string command = argv[1];
    try {
        if (command == "serve") return serve(argc, argv);
        if (command == "issue-code") return issue_code(argc, argv);
        if (command == "add-staff") return add_staff(argc, argv);
        if (command == "store-record") return store_record(argc, argv);
        if (command == "records") return records(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "collector: %s\n", e.what());
        return 1;
    }
    return usage();
}
