// generator: builds the bureau's public site.
//   generator build [--site DIR] [--out DIR] [--base-url URL] [--today YYYY-MM-DD]
//   generator check [--site DIR] [--base-url URL] [--today YYYY-MM-DD]
//   generator export [--site DIR] --data DIR --call KEY --out FILE.xlsx [--csv DIR]
//   generator list [--site DIR] --data DIR --call KEY --today YYYY-MM-DD --out data/lists/KEY.json [--title TITLE]

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <string>

#include "generator/build.hpp"
#include "generator/review/decided_list.hpp"
#include "generator/review/export.hpp"

namespace {

int usage() {
    std::fputs(
        "usage: generator build [--site DIR] [--out DIR] [--base-url URL] [--today YYYY-MM-DD] [--submissions DIR [--internal DIR]] [--timings]\n"
        "       generator check [--site DIR] [--base-url URL] [--today YYYY-MM-DD] [--submissions DIR] [--timings]\n"
        "  build  writes the site into --out (default: DIR/public), replacing it only on success\n"
        "  check  validates everything a build would, writes nothing\n"
        "  --submissions DIR  the collector's data directory: adds a 受理情况 page per call\n"
        "  --internal DIR     with --submissions: writes the internal review site (personal data) to DIR\n"
        "       generator export [--site DIR] --data DIR --call KEY --out FILE.xlsx [--csv DIR]\n"
        "       generator list [--site DIR] --data DIR --call KEY --today YYYY-MM-DD --out FILE.json [--title TITLE]\n"
        "  --timings  prints the time each step took\n"
        "  export  writes every current submission of a call (personal data included) for the bureau:\n"
        "          a summary sheet, a sheet per county, a sheet per form table; --csv: the same as CSV files\n",
        stderr);
    return 2;
}

// A command on one call's stored records (export, list): its --name value
// pairs into the options every such command has and the command's own
// (`more`), then `run`, reporting its errors or what it wrote.
int run_call_command(int argc, char** argv, gen::CallFiles& options, const std::map<std::string, std::string*>& more,
                     const std::function<std::vector<common::Diagnostic>()>& run, const char* done) {
    if (argc % 2 != 0) return usage();
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string arg = argv[i], value = argv[i + 1];
        if (arg == "--site") options.site = value;
        else if (arg == "--data") options.data = value;
        else if (arg == "--call") options.call = value;
        else if (arg == "--out") options.out = value;
        else if (more.count(arg)) *more.at(arg) = value;
        else return usage();
    }
    const auto errors = run();
    for (const auto& d : errors) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    if (!errors.empty()) return 1;
    std::fprintf(stderr, "%s %s\n", done, options.out.c_str());
    return 0;
}

int run_export(int argc, char** argv) {
    gen::ExportOptions o;
    std::string csv;
    return run_call_command(argc, argv, o, {{"--csv", &csv}}, [&] {
        o.csv = csv;
        return gen::export_call(o);
    }, "exported");
}

// The 名单 from a call's decision, after its 公示.
int run_list(int argc, char** argv) {
    gen::ListOptions o;
    return run_call_command(argc, argv, o, {{"--today", &o.today}, {"--title", &o.title}}, [&] { return gen::write_decided_list(o); }, "wrote");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    const std::string command = argv[1];
    if (command == "export") return run_export(argc, argv);
    if (command == "list") return run_list(argc, argv);
    if (command != "build" && command != "check") return usage();
    gen::BuildOptions options;
    options.write = command == "build";
    options.progress = true;
    bool timings = false;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--timings") {
            timings = true;
            continue;
        }
        if (i + 1 >= argc) return usage();
        const std::string value = argv[++i];
        if (arg == "--site") options.site = value;
        else if (arg == "--out" && options.write) options.out = value;
        else if (arg == "--base-url") options.base_url = value;
        else if (arg == "--today") options.today = value;
        else if (arg == "--submissions") options.submissions = value;
        else if (arg == "--internal" && options.write) options.internal = value;
        else return usage();
    }
    const auto start = std::chrono::steady_clock::now();
    const gen::BuildResult result = gen::build_site(options);
    for (const auto& d : result.errors) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    if (!result.errors.empty()) {
        std::fprintf(stderr, "%zu error%s; nothing was written\n", result.errors.size(), result.errors.size() == 1 ? "" : "s");
        return 1;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (timings)
        for (const auto& [phase, s] : result.phases) std::fprintf(stderr, "%8.3f s  %s\n", s, phase.c_str());
    std::fprintf(stderr, "%s %zu pages, %zu files in %.2f s\n", options.write ? "built" : "checked", result.pages, result.files, seconds);
    return 0;
}
