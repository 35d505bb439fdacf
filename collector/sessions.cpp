#include "collector/sessions.hpp"

#include "collector/durable.hpp"

namespace collector {
namespace {

using Clock = std::chrono::steady_clock;

// Far beyond the bureau's units and staff signed in at once; past it, the
// longest idle session goes, so sign-ins cannot grow memory without bound.
constexpr std::size_t kMaxSessions = 10000;
constexpr std::size_t kTokenBytes = 32;

std::string cookie(const std::string& value, const std::string& base_path, bool secure, const std::string& extra) {
    return std::string(kSessionCookie) + "=" + value + "; Path=" + base_path + "; HttpOnly; SameSite=Strict" + extra +
           (secure ? "; Secure" : "");
}

}  // namespace

Session Sessions::open(const Actor& actor, std::optional<Refill> refill) {
    Session session{random_token(kTokenBytes), actor, random_token(kTokenBytes)};
    const auto now = Clock::now();
    const std::lock_guard<std::mutex> lock(mutex_);
    make_room(now);
    entries_[session.token] = Entry{session, now, std::move(refill)};
    return session;
}

std::optional<Session> Sessions::find(const std::string& token) {
    const auto now = Clock::now();
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(token);
    if (it == entries_.end()) return std::nullopt;
    if (now - it->second.last_seen > idle_) {
        entries_.erase(it);
        return std::nullopt;
    }
    it->second.last_seen = now;
    return it->second.session;
}

FormFields Sessions::take_refill(const std::string& token, const std::string& path) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(token);
    if (it == entries_.end() || !it->second.refill || it->second.refill->path != path) return {};
    FormFields fields = std::move(it->second.refill->fields);
    it->second.refill.reset();
    return fields;
}

void Sessions::close(const std::string& token) {
    const std::lock_guard<std::mutex> lock(mutex_);
    entries_.erase(token);
}

void Sessions::make_room(Clock::time_point now) {
    if (entries_.size() < kMaxSessions) return;
    for (auto it = entries_.begin(); it != entries_.end();) it = now - it->second.last_seen > idle_ ? entries_.erase(it) : std::next(it);
    if (entries_.size() < kMaxSessions) return;
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->second.last_seen < oldest->second.last_seen) oldest = it;
    entries_.erase(oldest);
}

std::string session_cookie(const std::string& token, const std::string& base_path, bool secure) {
    return cookie(token, base_path, secure, "");
}

std::string cleared_session_cookie(const std::string& base_path, bool secure) { return cookie("", base_path, secure, "; Max-Age=0"); }

}  // namespace collector
