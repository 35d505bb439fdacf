#include "collector/routes.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>

#include "common/urls.hpp"

namespace collector {
namespace {

std::mutex server_mutex;
httplib::Server* running = nullptr;

void send(httplib::Response& res, const Reply& reply) {
    res.status = reply.status;
    if (!reply.location.empty()) res.set_header("Location", reply.location);
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);
    if (reply.file.empty() && reply.body.empty() && reply.content_type.empty()) return;  // 201, 204 and HEAD of the uploads
    if (reply.file.empty()) return res.set_content(reply.body, reply.content_type.c_str());
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(reply.file, ec);
    auto in = std::make_shared<std::ifstream>(reply.file, std::ios::binary);
    if (ec || !*in) {
        res.status = 500;
        return res.set_content("{\"error\":{\"code\":\"internal\",\"field\":\"\",\"message\":\"附件暂时无法读取\"}}\n", "application/json; charset=utf-8");
    }
    res.set_content_provider(static_cast<std::size_t>(size), reply.content_type, [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        char buffer[64 * 1024];
        in->seekg(static_cast<std::streamoff>(offset));
        in->read(buffer, static_cast<std::streamsize>(std::min(length, sizeof buffer)));
        return in->gcount() > 0 && sink.write(buffer, static_cast<std::size_t>(in->gcount()));
    });
}

// httplib's ThreadPool queues without bound: under overload every client
// waits longer and longer. This one refuses beyond a bound instead.
class AdmissionQueue : public httplib::TaskQueue {
public:
    explicit AdmissionQueue(AdmissionLimits limits) : admission_(limits) {}
    void enqueue(std::function<void()> connection) override { admission_.admit(std::move(connection)); }
    void shutdown() override { admission_.shutdown(); }

private:
    Admission admission_;
};

const char* const kOriginalType = "X-Collector-Original-Content-Type";

// httplib 0.11.4 hands a multipart body only to its own parser, which drops
// the first part when its boundary straddles a 4 KiB read and refuses
// "boundary=...; charset=...", and refuses urlencoded bodies over 8 KiB.
// Relabelled here, before routing, a body reaches our own parsers raw. The
// request object is not const; only the pre-routing hook's signature is.
void hide_multipart(httplib::Request& req) {
    req.headers.erase(kOriginalType);  // never trust a client's copy
    const auto it = req.headers.find("Content-Type");
    if (it == req.headers.end()) return;
    req.headers.emplace(kOriginalType, it->second);
    it->second = "application/octet-stream";
}

bool wants_json(const httplib::Request& req) {
    return req.get_header_value("Accept").find("application/json") != std::string::npos;
}

bool from_proxy(const httplib::Request& req, const ServeOptions& options) { return req.remote_addr == options.trusted_proxy; }

std::string client_of(const httplib::Request& req, const ServeOptions& options) {
    return client_address(req.remote_addr, req.get_header_value("X-Real-IP"), options.trusted_proxy);
}

Request plain_request(const httplib::Request& req, const ServeOptions& options) {
    Request out;
    out.method = req.method;
    out.path = req.path;
    out.cookies = parse_cookies(req.get_header_value("Cookie"));
    out.content_type = req.get_header_value(kOriginalType);
    out.body = req.body;
    out.client = client_of(req, options);
    out.over_tls = from_proxy(req, options) && req.get_header_value("X-Forwarded-Proto") == "https";
    out.wants_json = wants_json(req);
    return out;
}

// Which body a request may carry, before httplib reads any: a submission
// and a resumable upload's chunk stream and are counted as they come; a
// signed-in page's form is small and read whole, so it must say its length.
std::optional<Reply> body_refusal(const httplib::Request& req, const ServeOptions& options) {
    static const std::regex submission_route(common::submission_route());
    static const std::regex account_routes(common::account_routes());
    static const std::regex upload_route(common::upload_route());
    static const std::regex scan_route(common::stamped_scan_route());
    const bool chunked = req.has_header("Transfer-Encoding");
    const bool has_body = chunked || (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
    const bool post = req.method == "POST";
    const bool form = post && std::regex_match(req.path, account_routes);
    const bool streamed = (post && std::regex_match(req.path, submission_route)) ||
                          (options.uploads && req.method == "PATCH" && std::regex_match(req.path, upload_route));
    if (has_body && !streamed && !form)
        return json_error(413, "body_not_allowed", "", "此地址不接受提交内容");
    if (form && chunked) return json_error(411, "length_required", "", "表单提交须注明长度（Content-Length）");
    if (req.has_header("Content-Length")) {
        const std::string length = req.get_header_value("Content-Length");
        const std::size_t limit = !form ? options.body_limit : std::regex_match(req.path, scan_route) ? kUploadBodyBytes : kFormBodyBytes;
        if (length.size() > 15 || std::stoull("0" + length) > limit) return json_error(413, "body_too_large", "", "提交内容总量过大");
    }
    return std::nullopt;
}

}  // namespace

bool serve(Intake& intake, SignedInPages& signed_in, const ServeOptions& options) {
    httplib::Server server;
    // httplib's default is 8 workers, which 8 slow clients can hold for the
    // whole read timeout (AdmissionLimits has ours); idle threads cost little.
    server.new_task_queue = [&] { return new AdmissionQueue(options.admission); };
    // One request per connection, as nginx sends them: a worker never idles
    // on a client's next request, admission counts requests, and every
    // answer (a refusal before its body was read too) ends the connection.
    server.set_keep_alive_max_count(1);
    // httplib listens with a backlog of 5: a burst of connections overflows
    // it and waits for the client's SYN retransmission, a second or more.
    // The socket is kept here to raise it once bound. SO_REUSEADDR instead of
    // httplib's SO_REUSEPORT: a second collector on the port fails to bind.
    int listening = -1;
    server.set_socket_options([&](int sock) {
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listening = sock;
    });
    server.set_read_timeout(15, 0);
    server.set_write_timeout(15, 0);

    // Refused before any handler or body reading: what httplib 0.11.4 would
    // otherwise mishandle (compressed bodies are inflated without limit).
    server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
        const std::string encoding = req.get_header_value("Content-Encoding");
        if (!encoding.empty() && encoding != "identity") {
            send(res, json_error(415, "unsupported_encoding", "", "不接受压缩的提交内容"));
            return httplib::Server::HandlerResponse::Handled;
        }
        // httplib reads a body into memory for every route but a streaming one.
        if (const auto refusal = body_refusal(req, options)) {
            send(res, *refusal);
            return httplib::Server::HandlerResponse::Handled;
        }
        hide_multipart(const_cast<httplib::Request&>(req));
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Never leak an exception's text (httplib would put it in a header).
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "collector: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
        } catch (...) {
            std::fprintf(stderr, "collector: %s %s: unknown exception\n", req.method.c_str(), req.path.c_str());
        }
        send(res, json_error(500, "internal_error", "", "服务器内部错误，本次提交未被保存，请稍后重试"));
    });
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        send(res, json_error(res.status, res.status == 404 ? "not_found" : "bad_request", "", res.status == 404 ? "没有这个地址" : "请求有误"));
    });

    server.Get("/" + common::health_api(), [](const httplib::Request&, httplib::Response& res) {
        res.set_content("{\"status\":\"ok\"}\n", "application/json; charset=utf-8");
    });
    server.Post(common::submission_route(),
                [&](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                    if (Admission::shedding()) {
                        // Read to the end, so that the client, still sending, gets to read the answer.
                        std::size_t seen = 0;
                        reader([&](const char*, std::size_t n) { return (seen += n) <= options.body_limit; });
                        return send(res, intake.busy(wants_json(req)));
                    }
                    IntakeRequest in;
                    in.form = req.matches[1];
                    in.content_type = req.get_header_value(kOriginalType);
                    in.remote_addr = client_of(req, options);
                    in.wants_json = wants_json(req);
                    in.read_body = [&](const ChunkSink& sink) { return reader([&](const char* d, std::size_t n) { return sink(d, n); }); };
                    send(res, intake.receive(in));
                });
    if (options.uploads) {
        const auto tus = [&](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader) {
            TusRequest in;
            in.method = req.method;
            if (req.matches.size() > 1) in.id = req.matches[1];
            in.header = [&req](const std::string& name) { return req.get_header_value(name.c_str()); };
            in.content_type = req.get_header_value(kOriginalType);
            in.client = client_of(req, options);
            in.read_body = [reader](const ChunkSink& sink) {
                return !reader || (*reader)([&](const char* d, std::size_t n) { return sink(d, n); });
            };
            send(res, Admission::shedding() ? options.uploads->busy() : options.uploads->handle(in));
        };
        const auto bodiless = [tus](const httplib::Request& req, httplib::Response& res) { tus(req, res, nullptr); };
        const auto streamed = [tus](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) { tus(req, res, &reader); };
        for (const std::string& route : {common::uploads_route(), common::upload_route()}) {
            server.Options(route, bodiless);
            server.Post(route, bodiless);
            server.Get(route, bodiless);  // httplib hands HEAD to the GET handlers
            server.Patch(route, streamed);
            server.Delete(route, bodiless);
        }
    }
    server.Get(common::receipt_route(), [&](const httplib::Request& req, httplib::Response& res) {
        if (Admission::shedding()) return send(res, intake.busy(wants_json(req)));
        send(res, intake.receipt_page(req.matches[1], req.matches[2], req.matches[3], req.get_param_value("id")));
    });
    server.Get(common::signed_receipt_route(), [&](const httplib::Request& req, httplib::Response& res) {
        if (Admission::shedding()) return send(res, intake.busy(wants_json(req)));
        send(res, intake.signed_receipt(req.matches[1], req.matches[2], req.matches[3], req.get_param_value("id")));
    });
    const auto account = [&](const httplib::Request& req, httplib::Response& res) {
        const Request plain = plain_request(req, options);
        send(res, Admission::shedding() ? signed_in.refuse(plain, nullptr, busy_refusal()) : signed_in.handle(plain));
    };
    server.Get(common::account_routes(), account);
    server.Post(common::account_routes(), account);

    const int port = options.port == 0 ? server.bind_to_any_port(options.host) : (server.bind_to_port(options.host, options.port) ? options.port : -1);
    if (port < 0) return false;
    if (::listen(listening, SOMAXCONN) != 0) return false;
    {
        std::lock_guard<std::mutex> lock(server_mutex);
        running = &server;
    }
    if (options.on_listening) options.on_listening(port);
    const bool ok = server.listen_after_bind();
    std::lock_guard<std::mutex> lock(server_mutex);
    running = nullptr;
    return ok;
}

void stop_server() {
    std::lock_guard<std::mutex> lock(server_mutex);
    if (running) running->stop();
}

}  // namespace collector
