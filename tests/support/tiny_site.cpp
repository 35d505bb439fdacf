#include "support/tiny_site.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/diagnostic.hpp"
#include "common/files.hpp"

namespace testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("gen-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void write_tree(const fs::path& root, const std::string& txtar) {
    std::istringstream in(txtar);
    std::string line, current, body;
    auto flush = [&] {
        if (current.empty()) return;
        const fs::path p = root / current;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << body;
    };
    while (std::getline(in, line)) {
        if (line.size() > 6 && line.compare(0, 3, "-- ") == 0 && line.compare(line.size() - 3, 3, " --") == 0) {
            flush();
            current = line.substr(3, line.size() - 6);
            body.clear();
        } else if (!current.empty()) {
            body += line + "\n";
        }
    }
    flush();
}

TinySite::TinySite(const std::string& txtar) {
    fs::copy(fs::path(REPO_ROOT) / "themes", root() / "themes", fs::copy_options::recursive);
    write_tree(root(), R"(-- config.json --
{"base_url": "https://jyj.example.gov.cn/xxh/", "theme": "default", "language": "zh-CN", "today": null, "public_numbers": []}
-- data/site.json --
{"bureau": "示例市教育体育局", "site_title": "示例试点项目", "contacts": []}
-- data/units.json --
{"counties": [{"id": "a", "name": "甲县"}, {"id": "b", "name": "乙区"}], "schools": []}
-- data/privacy.json --
{"version": "t1", "title": "个人信息保护说明", "paragraphs": ["收集单位：示例市教育体育局。"]}
)");
    write_tree(root(), txtar);
}

gen::BuildOptions TinySite::options() const {
    gen::BuildOptions o;
    o.site = root();
    o.out = out();
    return o;
}

gen::BuildResult TinySite::build(const std::string& today) const {
    gen::BuildOptions o = options();
    o.today = today;
    return gen::build_site(o);
}

gen::BuildResult TinySite::check() const {
    gen::BuildOptions o;
    o.site = root();
    o.write = false;
    return gen::build_site(o);
}

std::string TinySite::read(const std::string& out_path) const { return read_file(out() / out_path); }

bool TinySite::exists(const std::string& out_path) const { return fs::exists(out() / out_path); }

std::string errors_text(const gen::BuildResult& r) {
    std::string out;
    for (const auto& d : r.errors) out += common::format(d) + "\n";
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::map<std::string, std::string> read_tree(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& rel : common::list_files(dir)) out[rel] = read_file(dir / rel);
    return out;
}

bool in_order(const std::string& text, const std::string& first, const std::string& then) {
    const auto a = text.find(first), b = text.find(then);
    return a != std::string::npos && b != std::string::npos && a < b;
}

}  // namespace testing
