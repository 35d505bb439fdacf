#pragma once
// Sessions of signed-in people, held in memory only: a restart of the
// collector signs everyone out (their next POST shows the sign-in form with
// what they typed, as after an idle timeout). A session is a random token in
// an HttpOnly, SameSite=Strict cookie under the site's base path, with a CSRF
// token of its own that every form changing anything carries.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "collector/actor.hpp"
#include "collector/exchange.hpp"

namespace collector {

inline constexpr const char* kSessionCookie = "yueyang_session";

struct Session {
    std::string token;  // the cookie's value
    Actor actor;
    std::string csrf;   // what every form of the session sends back as "csrf"
};

// What a POST carried when its session had gone, kept to refill the form of
// `path` (never to act on) once its sender has signed in again.
struct Refill {
    std::string path;
    FormFields fields;
};

class Sessions {
public:
    // A session ends after `idle` without a request. Durations run on the steady clock.
    explicit Sessions(std::chrono::seconds idle = std::chrono::minutes(30)) : idle_(idle) {}

    Session open(const Actor& actor, std::optional<Refill> refill = std::nullopt);
    // The live session of `token`, its idle time restarted; nothing when
    // there is none: never was, timed out, signed out or lost in a restart.
    std::optional<Session> find(const std::string& token);
    // The fields kept for the page at `path`, handed out once.
    FormFields take_refill(const std::string& token, const std::string& path);
    void close(const std::string& token);

private:
    struct Entry {
        Session session;
        std::chrono::steady_clock::time_point last_seen;
        std::optional<Refill> refill;
    };
    // Makes room for one more: expired sessions go, then the longest idle. Callers hold mutex_.
    void make_room(std::chrono::steady_clock::time_point now);

    const std::chrono::seconds idle_;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
};

// The Set-Cookie value that holds `token` (Secure when the request came
// over TLS), and the one that clears it.
std::string session_cookie(const std::string& token, const std::string& base_path, bool secure);
std::string cleared_session_cookie(const std::string& base_path, bool secure);

}  // namespace collector
