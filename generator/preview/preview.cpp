#include "generator/preview/preview.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <set>

#include "generator/build.hpp"
#include "generator/preview/preview_server.hpp"
#include "generator/preview/tree_watcher.hpp"

namespace gen {
namespace fs = std::filesystem;
namespace {

// An editor's save is a burst of events (write, rename, chmod), each within
// a millisecond or two of the last. Once the events leave every file whole
// (TreeWatcher::settled) the build starts at once; until then it waits
// until none has come for this long. A save slower than that starts one
// more build, which sees the file whole.
constexpr int kQuietMs = 10;

struct Scratch {
    fs::path dir;
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

// The signals that end the preview, as a descriptor to poll beside the watcher's.
int signal_descriptor() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    // Blocked before the server's threads start, so that they inherit it.
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signalfd(-1, &signals, SFD_CLOEXEC);
}

bool readable(int fd, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, timeout_ms) > 0 && (p.revents & POLLIN);
}

std::string joined(const std::set<std::string>& paths) {
    std::string out;
    std::size_t shown = 0;
    for (const std::string& p : paths) {
        if (++shown > 3) return out + " and " + std::to_string(paths.size() - 3) + " more";
        out += (out.empty() ? "" : ", ") + p;
    }
    return out;
}

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Each build starts from what the last one kept: only what changed is read,
// rendered and written again. The open pages reload as soon as the pages
// are in place (after the first build); the search index follows.
void build_and_tell(const BuildOptions& options, BuildState& state, PreviewServer& server, const std::string& why, bool timings) {
    const auto start = std::chrono::steady_clock::now();
    bool shown = false;
    double shown_ms = 0;
    if (state.output.empty()) state.pages_published = nullptr;  // the first build: nothing is in place before its end
    else
        state.pages_published = [&] {
            shown_ms = ms_since(start);
            shown = true;
            server.built({});
        };
    BuildResult result = build_site(options, state);
    const double ms = ms_since(start);
    for (const auto& d : result.errors) std::fprintf(stderr, "%s\n", common::format(d).c_str());
    if (timings)
        for (const auto& [phase, s] : result.phases) std::fprintf(stderr, "%8.3f s  %s\n", s, phase.c_str());
    if (!result.errors.empty())
        std::fprintf(stderr, "%zu error%s%s; the preview shows them\n", result.errors.size(), result.errors.size() == 1 ? "" : "s", why.c_str());
    else if (shown)
        std::fprintf(stderr, "built %zu pages (%zu rendered) in %.0f ms, shown after %.0f ms%s\n", result.pages, result.rendered, ms, shown_ms,
                     why.c_str());
    else
        std::fprintf(stderr, "built %zu pages (%zu rendered) in %.0f ms%s\n", result.pages, result.rendered, ms, why.c_str());
    if (shown && result.errors.empty()) server.indexed();
    else server.built(std::move(result.errors));
}

}  // namespace

int run_preview(const PreviewOptions& o) {
    const int signals = signal_descriptor();
    Scratch scratch{fs::temp_directory_path() / ("generator-preview-" + std::to_string(::getpid()))};
    fs::create_directories(scratch.dir);
    BuildOptions build;
    build.site = o.site;
    build.out = scratch.dir / "site";
    build.today = o.today;

    PreviewServer server(build.out);
    const int port = server.bind(o.host, o.port);
    if (port < 0) {
        std::fprintf(stderr, "generator serve: cannot listen on %s:%d\n", o.host.c_str(), o.port);
        return 1;
    }
    // Served at the root, whatever config.json's base_url says: links must work on this host.
    build.base_url = "http://" + o.host + ":" + std::to_string(port) + "/";
    TreeWatcher watcher(o.site);
    BuildState state;
    build_and_tell(build, state, server, "", o.timings);
    server.start();
    std::fprintf(stdout, "preview: %s (Ctrl-C to stop)\n", build.base_url.c_str());
    std::fflush(stdout);

    for (;;) {
        pollfd fds[2] = {{watcher.fd(), POLLIN, 0}, {signals, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) continue;
        if (fds[1].revents & POLLIN) break;
        std::set<std::string> changed = watcher.changes();
        while (readable(watcher.fd(), watcher.settled() ? 0 : kQuietMs)) changed.merge(watcher.changes());
        watcher.built();
        if (changed.empty()) continue;
        state.forget(changed, o.site);
        build_and_tell(build, state, server, " after " + joined(changed), o.timings);
    }
    server.stop();
    ::close(signals);
    return 0;
}

}  // namespace gen
