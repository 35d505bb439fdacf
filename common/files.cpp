#include "common/files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

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

namespace {

[[noreturn]] void fail_io(const std::string& what, const std::filesystem::path& p) {
    throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}

}  // namespace

int create_and_write(const std::filesystem::path& path, std::string_view bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail_io("cannot create", path);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            fail_io("cannot write", path);
        }
        done += static_cast<std::size_t>(n);
    }
    return fd;
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
    if (::close(create_and_write(path, bytes)) != 0) fail_io("cannot write", path);
}

namespace {

// Where a walk may lead: anywhere (site_root empty), or only inside the
// site, reporting what it leaves out.
struct WalkRules {
    std::string site_root;  // canonical, without a trailing '/'
    std::string shown_dir;
    Diagnostics* diags = nullptr;

    void refuse(const std::string& rel, const std::string& why) const { diags->add(shown_dir + rel, 0, 0, why); }
};

const char* special_kind(mode_t mode) {
    if (S_ISFIFO(mode)) return "a fifo";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    return nullptr;
}

// Whether a walk goes on through the link at `path`: its target must lie in the site.
bool may_follow(const std::string& path, const std::string& rel, const WalkRules& rules) {
    if (rules.site_root.empty()) return true;
    std::unique_ptr<char, void (*)(void*)> target(::realpath(path.c_str(), nullptr), &std::free);
    if (!target) {
        rules.refuse(rel, "symbolic link that leads nowhere: only the site's own files are published");
        return false;
    }
    const std::string t = target.get();
    const bool inside = t == rules.site_root || (t.size() > rules.site_root.size() && t.compare(0, rules.site_root.size(), rules.site_root) == 0 &&
                                                 t[rules.site_root.size()] == '/');
    if (!inside) rules.refuse(rel, "symbolic link to " + t + ", outside the site: only the site's own files are published");
    return inside;
}

// readdir with d_type: no stat per entry, and relative paths built as
// strings (std::filesystem's iterator and lexically_relative cost ten times more).
void walk(const std::string& dir, const std::string& rel, const WalkRules& rules, std::vector<std::string>& out) {
    std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), &::closedir);
    if (!d) return;
    while (const dirent* e = ::readdir(d.get())) {
        const char* name = e->d_name;
        // Hidden files and editor backups (".x.swp", "x~") are never site files:
        // they would be published unchecked.
        const std::size_t len = std::strlen(name);
        if (name[0] == '.' || name[len - 1] == '~') continue;
        unsigned char type = e->d_type;
        const std::string path = dir + "/" + name;
        if (type == DT_LNK && !may_follow(path, rel + name, rules)) continue;
        if (type == DT_UNKNOWN || type == DT_LNK || type == DT_FIFO || type == DT_SOCK || type == DT_CHR || type == DT_BLK) {
            struct stat st;
            if (::stat(path.c_str(), &st) != 0) continue;
            if (const char* kind = special_kind(st.st_mode); kind && rules.diags) {
                rules.refuse(rel + name, std::string(kind) + " is not a file: only the site's own files are published");
                continue;
            }
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
        if (type == DT_DIR) walk(path, rel + name + "/", rules, out);
        else if (type == DT_REG) out.push_back(rel + name);
    }
}

}  // namespace

std::vector<std::string> list_files(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    walk(dir.string(), "", WalkRules{}, out);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> list_site_files(const std::filesystem::path& dir, const std::filesystem::path& site_root,
                                         const std::string& shown_dir, Diagnostics& diags) {
    std::error_code ec;
    const std::filesystem::path root = std::filesystem::canonical(site_root, ec);
    if (ec) return {};
    std::vector<std::string> out;
    walk(dir.string(), "", WalkRules{root.string(), shown_dir, &diags}, out);
    std::sort(out.begin(), out.end());
    return out;
}

bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer) {
    namespace fs = std::filesystem;
    const fs::path a = fs::weakly_canonical(fs::absolute(inner)), b = fs::weakly_canonical(fs::absolute(outer));
    const auto mismatch = std::mismatch(b.begin(), b.end(), a.begin(), a.end());
    return mismatch.first == b.end();
}

}  // namespace common
