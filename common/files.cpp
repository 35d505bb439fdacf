#include "common/files.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "common/diagnostic.hpp"

namespace common {

std::string read_file(const std::filesystem::path& path, const std::string& shown_path) {
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) fail(shown_path, 0, 0, "cannot read file");
    std::string out;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out.append(buf, n);
    if (std::ferror(f.get())) fail(shown_path, 0, 0, "cannot read file");
    return out;
}

std::vector<std::string> list_files(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return out;
    for (auto it = std::filesystem::recursive_directory_iterator(dir); it != std::filesystem::recursive_directory_iterator(); ++it) {
        if (it->is_regular_file()) out.push_back(it->path().lexically_relative(dir).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace common
