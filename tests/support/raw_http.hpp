#pragma once
// A deliberately plain HTTP/1.1 client over a loopback socket, so tests
// control every byte the server sees (header lengths, encodings, spoofed
// headers) without another HTTP library in between.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace testing {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
};

// Sends `request` verbatim to 127.0.0.1:port from `source` (any address of
// 127.0.0.0/8: another client) and reads the reply to EOF.
HttpReply raw_request(int port, const std::string& request, const std::string& source = "127.0.0.1");

// A connection that sends `start` and then nothing more, like a slow client.
int open_slow_connection(int port, const std::string& start);
void close_connection(int fd);

struct FormPart {
    FormPart(std::string n, std::string v, std::string file = "", std::string type = "application/octet-stream")
        : name(std::move(n)), value(std::move(v)), filename(std::move(file)), content_type(std::move(type)) {}
    std::string name, value;
    std::string filename;  // non-empty: a file part
    std::string content_type;
};

// A complete multipart POST; `extra_headers` lines end in "\r\n".
std::string multipart_request(const std::string& path, const std::vector<FormPart>& parts, const std::string& extra_headers = "",
                              const std::string& boundary = "----testboundary42");

// A GET, and a POST of an urlencoded form; `extra_headers` lines end in "\r\n".
std::string get_request(const std::string& path, const std::string& extra_headers = "");
std::string form_request(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields,
                         const std::string& extra_headers = "");
std::string url_encode(const std::string& s);

}  // namespace testing
