#include "collector/sign_in_limits.hpp"

namespace collector {
namespace {

// Beyond this many keys, the ones without a recent failure are swept, so that
// guesses at ever new ids cannot grow the map without bound.
constexpr std::size_t kSweepAbove = 10000;

}  // namespace

void FailureCounter::prune(std::deque<Time>& times, Time now) const {
    while (!times.empty() && now - times.front() >= limit_.window) times.pop_front();
}

int FailureCounter::refused_for(const std::vector<std::string>& keys) {
    const Time now = std::chrono::steady_clock::now();
    const std::lock_guard<std::mutex> lock(mutex_);
    std::chrono::steady_clock::duration wait{0};
    for (const std::string& key : keys) {
        const auto found = failures_.find(key);
        if (found == failures_.end()) continue;
        std::deque<Time>& times = found->second;
        prune(times, now);
        if (static_cast<int>(times.size()) >= limit_.failures)
            wait = std::max(wait, times[times.size() - limit_.failures] + limit_.window - now);
    }
    return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(wait).count());
}

void FailureCounter::failed(const std::vector<std::string>& keys) {
    const Time now = std::chrono::steady_clock::now();
    const std::lock_guard<std::mutex> lock(mutex_);
    if (failures_.size() > kSweepAbove)
        for (auto it = failures_.begin(); it != failures_.end();) {
            prune(it->second, now);
            it = it->second.empty() ? failures_.erase(it) : std::next(it);
        }
    for (const std::string& key : keys) {
        std::deque<Time>& times = failures_[key];
        prune(times, now);
        times.push_back(now);
        // Only the newest `failures` decide when a key is free again.
        if (static_cast<int>(times.size()) > limit_.failures) times.pop_front();
    }
}

void FailureCounter::forget(const std::string& key) {
    const std::lock_guard<std::mutex> lock(mutex_);
    failures_.erase(key);
}

}  // namespace collector
