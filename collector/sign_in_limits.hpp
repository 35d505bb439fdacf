#pragma once
// Failed sign-ins, counted in memory per key: an account (a code's lookup
// id, a staff login) and a client address. After `failures` within
// `window` a key is refused until the oldest of them has left the window, so
// guessing a code costs the guesser a quarter of an hour per five tries,
// whichever account and whichever address it tries from. Durations run on
// the steady clock: setting the collector's clock (--now) does not move them.

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace collector {

struct FailureLimit {
    int failures = 5;
    std::chrono::seconds window{15 * 60};
};

class FailureCounter {
public:
    explicit FailureCounter(FailureLimit limit) : limit_(limit) {}

    // Seconds until every one of `keys` may be tried again; 0 when none is refused.
    int refused_for(const std::vector<std::string>& keys);
    void failed(const std::vector<std::string>& keys);
    // A success forgets the account's failures (never an address's: one
    // valid code must not clear the way for guessing others).
    void forget(const std::string& key);

private:
    using Time = std::chrono::steady_clock::time_point;
    // Drops the failures that have left the window.
    void prune(std::deque<Time>& times, Time now) const;

    const FailureLimit limit_;
    std::mutex mutex_;
    std::map<std::string, std::deque<Time>> failures_;
};

}  // namespace collector
