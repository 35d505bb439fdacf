#pragma once
// A request and its reply as the collector's handlers see them, and the
// small parsers they need (cookies, urlencoded form bodies, who sent it).
// Knows nothing of httplib: collector/routes.cpp translates both ways.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace collector {

// The fields of an urlencoded form body, in the order sent; a name may
// repeat (several checkboxes of one name).
struct FormFields {
    std::vector<std::pair<std::string, std::string>> pairs;

    bool has(const std::string& name) const;
    std::string get(const std::string& name) const;  // the first value; empty when not sent
};

struct Request {
    std::string method;                 // "GET" or "POST"
    std::string path;                   // as the collector sees it, from "/": "/account/"
    std::map<std::string, std::string> cookies;
    std::string content_type;           // as the client sent it
    std::string body;                   // only on routes that take a small body
    std::string client;                 // client_address(): whom limits and the audit log count
    bool over_tls = false;              // the trusted proxy says it took the request over https
    bool wants_json = false;            // Accept: application/json
};

struct Reply {
    int status = 500;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::string location;  // for 303
    std::vector<std::pair<std::string, std::string>> headers;  // more: Set-Cookie, Retry-After
    // When set, the body instead: a stored upload, sent from disk in pieces so
    // that a reviewer opening a 20 MB PDF costs no 20 MB of memory.
    std::filesystem::path file;
};

// A refusal as the API returns it: {"error": {"code", "field", "message"}}.
Reply json_error(int status, const std::string& code, const std::string& field, const std::string& message);
Reply html_reply(int status, std::string page);
Reply see_other(std::string location);  // 303, for the collector's own paths ("/account/")

// "a=1; b=2" -> {a: 1, b: 2}; of a name sent twice, the first (the most specific path).
std::map<std::string, std::string> parse_cookies(const std::string& header);
// Nothing when the body is not well-formed: a bad %-escape, or text that is not UTF-8.
std::optional<FormFields> parse_urlencoded(const std::string& body);

// The address of whoever sent a request: the socket's peer, unless that
// peer is the proxy the collector trusts (nginx, which replaces any
// X-Real-IP a client sent with the client's address), whose word is taken.
std::string client_address(const std::string& peer, const std::string& forwarded_for, const std::string& trusted_proxy);

}  // namespace collector
