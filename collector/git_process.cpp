#include "collector/git_process.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <thread>

extern "C" char** environ;

namespace collector {

namespace {

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Starts git with `in` and `out` as its standard input and output (-1:
// /dev/null); the caller closes its copies.
pid_t spawn(const std::filesystem::path& repo, const std::vector<std::string>& args, int in, int out) {
    // The collector's identity is given per command: no global git config needed.
    std::vector<std::string> argv = {"git", "-C", repo.string(), "-c", std::string("user.name=") + kCollectorName,
                                     "-c", std::string("user.email=") + kCollectorEmail, "-c", "commit.gpgsign=false"};
    argv.insert(argv.end(), args.begin(), args.end());
    // Never wait for a person: no terminal prompts, no ssh questions.
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) env.emplace_back(*e);
    env.emplace_back("GIT_TERMINAL_PROMPT=0");
    env.emplace_back("GIT_SSH_COMMAND=ssh -o BatchMode=yes -o ConnectTimeout=10");
    std::vector<char*> argv_p = pointers(argv), env_p = pointers(env);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    // Between fork and exec only async-signal-safe calls. A git that
    // outlived a killed collector would race the next one for the repository.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    // Its own process group, so that a time limit stops its helpers too.
    ::setpgid(0, 0);
    const int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(in >= 0 ? in : devnull, 0);
    ::dup2(out >= 0 ? out : devnull, 1);
    ::execvpe("git", argv_p.data(), env_p.data());
    ::_exit(127);
}

int exit_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return exit_status(status);
}

int wait_for(pid_t pid, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (true) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return exit_status(status);
        if (r < 0 && errno != EINTR) return -1;
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(-pid, SIGKILL);
            wait_for(pid);
            return kGitTimedOut;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace

bool GitInput::write(std::string_view bytes) {
    while (!bytes.empty()) {
        // A socket, not a pipe: MSG_NOSIGNAL turns a git that died into an
        // error here instead of a SIGPIPE that would end the collector.
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

int run_git(const std::filesystem::path& repo, const std::vector<std::string>& args, std::chrono::seconds limit) {
    const pid_t pid = spawn(repo, args, -1, -1);
    if (pid < 0) return -1;
    return limit.count() > 0 ? wait_for(pid, limit) : wait_for(pid);
}

int run_git_feeding(const std::filesystem::path& repo, const std::vector<std::string>& args, const std::function<bool(GitInput&)>& feed) {
    int sockets[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) return -1;
    const pid_t pid = spawn(repo, args, sockets[1], -1);
    ::close(sockets[1]);
    if (pid < 0) {
        ::close(sockets[0]);
        return -1;
    }
    GitInput input(sockets[0]);
    const bool fed = feed(input);
    ::close(sockets[0]);
    const int status = wait_for(pid);
    return fed ? status : -1;
}

std::optional<std::string> git_output(const std::filesystem::path& repo, const std::vector<std::string>& args) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
    const pid_t pid = spawn(repo, args, -1, pipe_fds[1]);
    ::close(pipe_fds[1]);
    std::string out;
    char buf[65536];
    for (ssize_t n; pid >= 0 && (n = ::read(pipe_fds[0], buf, sizeof buf)) != 0;) {
        if (n > 0) out.append(buf, static_cast<std::size_t>(n));
        else if (errno != EINTR) break;
    }
    ::close(pipe_fds[0]);
    if (pid < 0 || wait_for(pid) != 0) return std::nullopt;
    return out;
}

}  // namespace collector
