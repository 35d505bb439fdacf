#pragma once
// How both programs read their command lines: subcommands, each with its
// own --help, a --version, and every usage error (an unknown option, one
// without its value, a required one missing, a value of the wrong kind)
// named on standard error with exit code 2. CLI11 (Debian's libcli11-dev)
// does the parsing; this header is its only user, included by the two
// main.cpp files alone, as it is a heavy header.

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace common {

inline constexpr int kUsageError = 2;

// `program` with --version and one subcommand to run.
inline void set_up_command_line(CLI::App& app, const std::string& program) {
    app.set_version_flag("--version", program + " " + PROJECT_VERSION_TEXT);
    // Not require_subcommand(1): with it an unknown command is reported as
    // a missing one, instead of by its name.
    app.require_subcommand(0, 1);
    app.fallthrough(false);
    app.get_formatter()->column_width(34);
}

// An option naming a file or directory (CLI11 2.1 would take a path for a
// container of its characters), shown as `kind` in the help.
inline CLI::Option* add_path(CLI::App& app, const std::string& name, std::filesystem::path& target, const std::string& description,
                             const std::string& kind = "DIR") {
    return app.add_option_function<std::string>(name, [&target](const std::string& value) { target = value; }, description)->type_name(kind);
}

// Parses; nothing when the command is to run, else the exit code: 0 after
// --help or --version (printed on standard output), kUsageError after a
// usage error (named on standard error, with a pointer to --help).
inline std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::RequiredError& e) {
        // CLI11 checks for missing options before unknown ones, but an
        // unknown one is the likelier cause (the missing one's name mistyped).
        const std::vector<std::string> unknown = app.remaining(true);
        if (!unknown.empty()) return app.exit(CLI::ExtrasError(unknown)) == 0 ? 0 : kUsageError;
        return app.exit(e) == 0 ? 0 : kUsageError;
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : kUsageError;
    }
    if (!app.get_subcommands().empty()) return std::nullopt;
    std::string commands;
    for (const CLI::App* command : app.get_subcommands({})) commands += (commands.empty() ? "" : ", ") + command->get_name();
    std::fprintf(stderr, "%s: a command is required: %s\nRun with --help for more information.\n", app.get_name().c_str(), commands.c_str());
    return kUsageError;
}

}  // namespace common
