#pragma once
// generator serve: the site built into a directory of its own, served on
// loopback (preview_server.hpp), rebuilt whenever its sources change
// (tree_watcher.hpp): only what a change affects is read, rendered and
// written again (BuildState), and every open page reloaded after each build.
// public/ is never touched.

#include <filesystem>
#include <string>

namespace gen {

struct PreviewOptions {
    std::filesystem::path site = ".";
    std::string host = "127.0.0.1";
    int port = 8000;  // 0: any free port
    std::string today;  // YYYY-MM-DD, as for build
    bool timings = false;  // each build's steps on stderr, as build --timings prints them
};

// Runs until SIGINT or SIGTERM; 0 then, 1 when it cannot start.
int run_preview(const PreviewOptions& options);

}  // namespace gen
