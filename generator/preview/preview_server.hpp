#pragma once
// The preview's HTTP server, on loopback: the built site's files from its
// root, each HTML page with one script added that listens for the next
// build (server-sent events) and reloads the page. While the last build
// failed, every page is instead the list of its errors, as the generator
// prints them. Nothing of this reaches public/: the script is added as a
// page is sent, never written.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/diagnostic.hpp"

namespace gen {

class PreviewServer {
public:
    // `root`: the directory the builds are published to.
    explicit PreviewServer(std::filesystem::path root);
    ~PreviewServer();  // stops it

    // The port bound on `host` (`port` 0: any free one), or -1.
    int bind(const std::string& host, int port);
    void start();  // serves from a thread of its own until stop()
    void stop();
    // A build has finished: with no errors its site is in root. Open pages reload.
    void built(std::vector<common::Diagnostic> errors);
    // The last build, whose pages were shown before its end, has ended
    // without errors: its search index is in place too.
    void indexed();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace gen
