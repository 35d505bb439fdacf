#include "generator/preview/preview_server.hpp"

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>

#include "common/text.hpp"

namespace gen {
namespace fs = std::filesystem;
namespace {

const char* const kEvents = "/__preview/events";
const char* const kScript = "/__preview/reload.js";
// Long enough to cost nothing, short enough that a proxy or the browser does not drop the stream.
constexpr auto kKeepAlive = std::chrono::seconds(15);

// Reloads the page when a build other than the one it was served from has
// finished; the server names the current build as soon as the stream opens,
// so that a build finished while the page loaded is not missed.
const char* const kReloadScript = R"(// Added by generator serve, never published.
'use strict';
(() => {
  const served = document.currentScript.dataset.build;
  const events = new EventSource('/__preview/events');
  events.addEventListener('built', (e) => { if (e.data !== served) location.reload(); });
})();
)";

// The types the site's files have (deploy/nginx/ serves the same from mime.types).
std::string content_type(const fs::path& file) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json"}, {".xml", "application/xml"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
        {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".ico", "image/x-icon"}, {".pdf", "application/pdf"},
        {".csv", "text/csv; charset=utf-8"}, {".txt", "text/plain; charset=utf-8"},
        {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    };
    const std::string ext = file.extension().string();
    for (const auto& [e, type] : kTypes)
        if (ext == e) return type;
    return "application/octet-stream";
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The script goes before the last </body>, or at the end of a page without one.
std::string with_script(std::string page, long build) {
    const std::string tag = std::string("<script src=\"") + kScript + "\" data-build=\"" + std::to_string(build) + "\"></script>";
    const auto at = page.rfind("</body>");
    if (at == std::string::npos) return page + tag;
    return page.insert(at, tag);
}

std::string error_page(const std::vector<common::Diagnostic>& errors, long build) {
    std::string items;
    for (const common::Diagnostic& d : errors) items += "<li><code>" + common::escape_markup(common::format(d)) + "</code></li>\n";
    return with_script("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>预览：生成失败</title>\n"
                       "<style>body{font:1rem/1.6 sans-serif;margin:1rem;color:#1a1a1a}code{white-space:pre-wrap;overflow-wrap:anywhere}"
                       "h1{color:#9b1c1c;font-size:1.4rem}</style>\n</head>\n<body>\n<main>\n<h1>生成失败，页面未更新</h1>\n"
                       "<p>改正以下错误并保存后，本页自动刷新。</p>\n<ol class=\"build-errors\">\n" +
                           items + "</ol>\n</main>\n</body>\n</html>\n",
                       build);
}

// The file a request names under root: a directory's index.html; nothing
// for a path that leaves root or names nothing.
std::optional<fs::path> file_of(const fs::path& root, const std::string& path) {
    const fs::path relative = fs::path(path).relative_path().lexically_normal();
    if (!relative.empty() && *relative.begin() == "..") return std::nullopt;
    fs::path file = root / relative;
    std::error_code ec;
    if (path.empty() || path.back() == '/') file /= "index.html";
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
    return file;
}

}  // namespace

struct PreviewServer::State {
    fs::path root;
    httplib::Server server;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;
    long build = 0;    // builds whose pages are in place
    long indexed = 0;  // of them, those whose search index is in place too
    std::vector<common::Diagnostic> errors;
    bool stopping = false;

    void events(httplib::Response& res);
    void page(const httplib::Request& req, httplib::Response& res);
};

void PreviewServer::State::events(httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    long seen = -1, seen_indexed = 0;
    {
        std::lock_guard<std::mutex> lock(mutex);
        seen_indexed = indexed;  // only the builds to come
    }
    res.set_chunked_content_provider("text/event-stream", [this, seen, seen_indexed](std::size_t, httplib::DataSink& sink) mutable {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait_for(lock, kKeepAlive, [&] { return stopping || build != seen || indexed != seen_indexed; });
        if (stopping) return false;
        std::string chunk = ": still here\n\n";
        if (build != seen) chunk = "event: built\ndata: " + std::to_string(seen = build) + "\n\n";
        else if (indexed != seen_indexed) chunk = "event: indexed\ndata: " + std::to_string(seen_indexed = indexed) + "\n\n";
        lock.unlock();
        return sink.write(chunk.data(), chunk.size());
    });
}

void PreviewServer::State::page(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    std::unique_lock<std::mutex> lock(mutex);
    const long current = build;
    const std::vector<common::Diagnostic> failed = errors;
    lock.unlock();
    const bool html_request = req.path.back() == '/' || fs::path(req.path).extension() == ".html";
    if (!failed.empty() && html_request) {
        res.status = 500;
        res.set_content(error_page(failed, current), "text/html; charset=utf-8");
        return;
    }
    std::optional<fs::path> file = file_of(root, req.path);
    if (!file && req.path.back() != '/' && file_of(root, req.path + "/")) {
        res.status = 301;
        res.set_header("Location", req.path + "/");
        return;
    }
    if (!file) {
        res.status = 404;
        file = file_of(root, "/404.html");
        if (!file) return res.set_content("404", "text/plain; charset=utf-8");
    }
    const std::string type = content_type(*file);
    std::string body = read_all(*file);
    if (file->extension() == ".html") body = with_script(std::move(body), current);
    res.set_content(body, type.c_str());
}

PreviewServer::PreviewServer(fs::path root) : state_(std::make_unique<State>()) {
    state_->root = std::move(root);
    State& s = *state_;
    // Every open tab holds one thread with its event stream.
    s.server.new_task_queue = [] { return new httplib::ThreadPool(32); };
    s.server.Get(kEvents, [&s](const httplib::Request&, httplib::Response& res) { s.events(res); });
    s.server.Get(kScript, [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(kReloadScript, "text/javascript; charset=utf-8");
    });
    s.server.Get(".*", [&s](const httplib::Request& req, httplib::Response& res) { s.page(req, res); });
}

PreviewServer::~PreviewServer() { stop(); }

int PreviewServer::bind(const std::string& host, int port) {
    if (port == 0) return state_->server.bind_to_any_port(host);
    return state_->server.bind_to_port(host.c_str(), port) ? port : -1;
}

void PreviewServer::start() {
    state_->thread = std::thread([this] { state_->server.listen_after_bind(); });
}

void PreviewServer::stop() {
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        state_->stopping = true;
    }
    state_->changed.notify_all();
    state_->server.stop();
    if (state_->thread.joinable()) state_->thread.join();
}

void PreviewServer::built(std::vector<common::Diagnostic> errors) {
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        ++state_->build;
        state_->errors = std::move(errors);
    }
    state_->changed.notify_all();
}

void PreviewServer::indexed() {
    {
        std::lock_guard<std::mutex> lock(state_->mutex);
        state_->indexed = state_->build;
    }
    state_->changed.notify_all();
}

}  // namespace gen
