// Our streaming multipart parser, fed the way a network delivers bytes.

#include <catch2/catch.hpp>

#include <vector>

#include "collector/multipart.hpp"

using collector::MultipartParser;

namespace {

struct Part {
    std::string name, filename, content_type, body;
    bool has_filename = false;
};

struct Result {
    bool ok = false;
    bool done = false;
    std::string error;
    std::vector<Part> parts;
};

// Feeds `body` in pieces cut at the given offsets.
Result parse(const std::string& boundary, const std::string& body, const std::vector<std::size_t>& cuts = {}) {
    Result r;
    MultipartParser parser(boundary, {
        [&](const collector::PartHeader& h) {
            Part p;
            p.name = h.name;
            p.has_filename = h.filename.has_value();
            p.filename = h.filename.value_or("");
            p.content_type = h.content_type;
            r.parts.push_back(p);
            return true;
        },
        [&](const char* d, std::size_t n) {
            r.parts.back().body.append(d, n);
            return true;
        },
        [&] { return true; },
    });
    std::size_t at = 0;
    r.ok = true;
    for (std::size_t cut : cuts) {
        r.ok = r.ok && parser.feed(body.data() + at, cut - at);
        at = cut;
    }
    r.ok = r.ok && parser.feed(body.data() + at, body.size() - at);
    r.done = parser.done();
    r.error = parser.error();
    return r;
}

const std::string kBoundary = "----formdata7Xq";
const std::string kBody =
    "------formdata7Xq\r\n"
    "Content-Disposition: form-data; name=\"unit\"\r\n\r\n"
    "miluo-zhengze\r\n"
    "------formdata7Xq\r\n"
    "Content-Disposition: form-data; name=\"plan_summary\"\r\n\r\n"
    "第一行\r\n------formdata7X 不是边界\r\n"
    "------formdata7Xq\r\n"
    "Content-Disposition: form-data; name=\"work_plan\"; filename=\"../../方案; 终稿.pdf\"\r\n"
    "Content-Type: application/pdf\r\n\r\n"
    "%PDF-1.4\r\n\r\n--\r\n%%EOF\r\n"
    "------formdata7Xq--\r\n";

void check_parts(const Result& r) {
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(r.done);
    REQUIRE(r.parts.size() == 3);
    CHECK(r.parts[0].name == "unit");
    CHECK(r.parts[0].body == "miluo-zhengze");
    CHECK_FALSE(r.parts[0].has_filename);
    CHECK(r.parts[1].body == "第一行\r\n------formdata7X 不是边界");
    CHECK(r.parts[2].name == "work_plan");
    CHECK(r.parts[2].filename == "../../方案; 终稿.pdf");
    CHECK(r.parts[2].content_type == "application/pdf");
    CHECK(r.parts[2].body == "%PDF-1.4\r\n\r\n--\r\n%%EOF");
}

}  // namespace

TEST_CASE("a body in one piece yields its fields and files") { check_parts(parse(kBoundary, kBody)); }

TEST_CASE("a body cut at any single offset parses the same") {
    for (std::size_t cut = 1; cut < kBody.size(); ++cut) {
        INFO("cut at " << cut);
        check_parts(parse(kBoundary, kBody, {cut}));
    }
}

TEST_CASE("a body delivered one byte at a time parses the same") {
    std::vector<std::size_t> cuts;
    for (std::size_t i = 1; i < kBody.size(); ++i) cuts.push_back(i);
    check_parts(parse(kBoundary, kBody, cuts));
}

TEST_CASE("the boundary is read from Content-Type with other parameters and quotes") {
    using collector::multipart_boundary;
    CHECK(multipart_boundary("multipart/form-data; boundary=abc") == std::optional<std::string>("abc"));
    CHECK(multipart_boundary("multipart/form-data; boundary=abc; charset=UTF-8") == std::optional<std::string>("abc"));
    CHECK(multipart_boundary("Multipart/Form-Data; charset=UTF-8; boundary=\"a;b c\"") == std::optional<std::string>("a;b c"));
    CHECK_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
    CHECK_FALSE(multipart_boundary("multipart/form-data"));
    CHECK_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

TEST_CASE("a preamble before the first boundary is skipped") {
    check_parts(parse(kBoundary, "This is a preamble.\r\n" + kBody));
}

TEST_CASE("endless padding after a boundary is refused early, not rescanned") {
    std::string body = "--b" + std::string(100000, ' ');
    const Result r = parse("b", body, {10, 1000, 50000});
    CHECK_FALSE(r.ok);
    CHECK(r.error == "malformed boundary line");
    CHECK(parse("b", "--b   \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--\r\n").ok);
}

TEST_CASE("malformed bodies are refused with a reason") {
    const Result no_end = parse(kBoundary, kBody.substr(0, kBody.size() - 4));
    CHECK_FALSE(no_end.done);
    const Result no_disposition = parse("b", "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n");
    CHECK_FALSE(no_disposition.ok);
    CHECK(no_disposition.error == "part has no Content-Disposition");
    const Result huge_headers = parse("b", "--b\r\nX-Pad: " + std::string(20000, 'a') + "\r\n\r\nx\r\n--b--\r\n");
    CHECK_FALSE(huge_headers.ok);
    CHECK(huge_headers.error == "part headers too long");
}
