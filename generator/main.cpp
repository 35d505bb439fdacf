// generator: builds the bureau's public site (build, check), previews it
// while it is edited (serve), brings a notice in from its Word file
// (import), and for its reviewers writes a call's workbook (export) and the
// 名单 from its decisions (list). `generator --help` and `generator COMMAND
// --help` say how.

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "common/command_line.hpp"
#include "generator/build.hpp"
#include "generator/import/import_notice.hpp"
#include "generator/preview/preview.hpp"
#include "generator/review/decided_list.hpp"
#include "generator/review/export.hpp"

namespace {

using common::add_path;

// The options build and check share; build adds where it writes.
void add_site_options(CLI::App& command, gen::BuildOptions& o, bool& timings) {
    add_path(command, "--site", o.site, "the site: content/, data/, themes/ and config.json (default: .)");
    command.add_option("--base-url", o.base_url, "the site's absolute URL, instead of config.json's")->type_name("URL");
    command.add_option("--today", o.today, "the day that decides which calls are open, instead of config.json's")->type_name("YYYY-MM-DD");
    add_path(command, "--submissions", o.submissions, "the collector's data directory: adds a 受理情况 page per call");
    command.add_flag("--timings", timings, "print the time each step took");
}

// The options of a command on one call's stored records (export, list).
void add_call_options(CLI::App& command, gen::CallFiles& o, const std::string& out_kind) {
    add_path(command, "--site", o.site, "the site whose data/ defines the call (default: .)");
    add_path(command, "--data", o.data, "the collector's data directory")->required();
    add_path(command, "--keys", o.keys, "the collector's key directory, which opens the personal fields (without it they are left empty)");
    command.add_option("--call", o.call, "the call, a key of data/calls/")->type_name("KEY")->required();
    add_path(command, "--out", o.out, "the file to write", out_kind)->required();
}

int report(const std::vector<common::Diagnostic>& errors, const char* done, const std::filesystem::path& out) {
    for (const auto& d : errors) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    if (!errors.empty()) return 1;
    std::fprintf(stderr, "%s %s\n", done, out.c_str());
    return 0;
}

int run_build(const gen::BuildOptions& options, bool timings) {
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

int run_import(const gen::import::ImportOptions& options) {
    const gen::import::ImportResult result = gen::import::import_notice(options);
    for (const auto& d : result.problems) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    if (result.written.empty()) {
        std::fprintf(stderr, "nothing was written\n");
        return 1;
    }
    for (const auto& rel : result.written) std::fprintf(stderr, "wrote %s\n", rel.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Builds the Yueyang education bureau's public site from content/, data/ and themes/.", "generator"};
    common::set_up_command_line(app, "generator");

    gen::BuildOptions build_options;
    build_options.progress = true;
    bool timings = false;
    CLI::App* build = app.add_subcommand("build", "write the site into --out, replacing it only when the build succeeds");
    add_site_options(*build, build_options, timings);
    add_path(*build, "--out", build_options.out, "where the site is written (default: SITE/public)");
    add_path(*build, "--internal", build_options.internal, "with --submissions: write the internal review site (personal data) here, outside --out")
        ->needs("--submissions");
    add_path(*build, "--keys", build_options.keys, "with --internal: the collector's key directory, which opens the personal fields")
        ->needs("--internal");

    gen::BuildOptions check_options = build_options;
    check_options.write = false;
    CLI::App* check = app.add_subcommand("check", "validate everything a build would, and write nothing");
    add_site_options(*check, check_options, timings);

    gen::ExportOptions export_options;
    CLI::App* exporting = app.add_subcommand("export", "write a call's current submissions (personal data included) for the bureau: "
                                                       "a summary sheet, a sheet per county, a sheet per form table");
    add_call_options(*exporting, export_options, "FILE.xlsx");
    add_path(*exporting, "--csv", export_options.csv, "also write each sheet as a CSV file into this directory");

    gen::ListOptions list_options;
    CLI::App* listing = app.add_subcommand("list", "write the 名单 from a call's decisions once its 公示 is over, as data/lists/ holds it");
    add_call_options(*listing, list_options, "FILE.json");
    listing->add_option("--today", list_options.today, "the day the list is made: after the 公示's last day")->type_name("YYYY-MM-DD")->required();
    listing->add_option("--title", list_options.title, "the list's title (default: the call's, as a 名单)");

    gen::PreviewOptions preview_options;
    CLI::App* serving = app.add_subcommand("serve", "build the site, serve it on loopback, and rebuild and reload the open pages on every change");
    add_path(*serving, "--site", preview_options.site, "the site: content/, data/, themes/ and config.json (default: .)");
    serving->add_option("--host", preview_options.host, "the address to listen on (default: 127.0.0.1)")->type_name("HOST");
    serving->add_option("--port", preview_options.port, "the port (default: 8000; 0: any free one)")->type_name("PORT")->check(CLI::Range(0, 65535));
    serving->add_option("--today", preview_options.today, "the day that decides which calls are open, instead of config.json's")->type_name("YYYY-MM-DD");
    serving->add_flag("--timings", preview_options.timings, "print the time each step of each build took");

    gen::import::ImportOptions import_options;
    CLI::App* importing = app.add_subcommand("import", "write a notice from its Word file: content/notices/SLUG.md and a data file "
                                                       "per attachment that is a quota table, a list, a blank form or a topic guide, if the site then passes check");
    add_path(*importing, "FILE.docx", import_options.docx, "the notice as Word or WPS saved it", "FILE.docx")->required();
    add_path(*importing, "--site", import_options.site, "the site to write into (default: .)");
    importing->add_option("--slug", import_options.slug, "the notice's file name and address (default: the file's name)")->type_name("SLUG");
    importing->add_option("--category", import_options.category, "its 主题分类, which the document does not print")->type_name("TEXT");
    importing->add_flag("--force", import_options.force, "write what could be mapped, leaving out what is reported, and replace existing files");

    if (const auto exit = common::parse_command_line(app, argc, argv)) return *exit;
    if (*serving) return gen::run_preview(preview_options);
    if (*build) return run_build(build_options, timings);
    if (*check) return run_build(check_options, timings);
    if (*importing) return run_import(import_options);
    if (*exporting) return report(gen::export_call(export_options), "exported", export_options.out);
    return report(gen::write_decided_list(list_options), "wrote", list_options.out);
}
