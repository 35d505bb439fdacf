#pragma once
// Which connections the collector serves now, which wait for a worker, and
// which are told to come back later: a bounded admission in front of the
// workers, so that overload costs a client a 503 with Retry-After instead
// of a wait without end, and never a reset connection.
//
// Connections are served in order of arrival by `workers` threads, with at
// most `waiting` of them queued. Beyond that a connection goes to a few
// threads of its own that read its request whole (a socket closed on unread
// data is reset, and a client still sending never reads the answer) and
// answer busy_refusal(): the handlers ask shedding(). Only when even those
// are full does accepting pause, and connections wait in the kernel's listen
// queue.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "collector/refusal.hpp"

namespace collector {

struct AdmissionLimits {
    std::size_t workers = 64;  // each holds one request at a time: a slow one holds it up to the read timeout
    // Queued behind them. A waiting connection costs a descriptor and a few
    // hundred bytes; what the bound limits is the wait: three requests' time
    // before a worker is free.
    std::size_t waiting = 192;
};

class Admission {
public:
    explicit Admission(AdmissionLimits limits);
    Admission(const Admission&) = delete;
    Admission& operator=(const Admission&) = delete;
    ~Admission();

    // Runs `connection` on a worker or, when too many wait, on a shedding
    // thread; blocks only while both queues are full.
    void admit(std::function<void()> connection);
    // Runs every connection already admitted, then ends the threads.
    void shutdown();

    // True on a thread whose connections are to be answered busy_refusal().
    static bool shedding();

private:
    void run(std::deque<std::function<void()>>& queue, std::condition_variable& ready, bool shed);

    const AdmissionLimits limits_;
    std::mutex mutex_;
    std::condition_variable work_ready_, shed_ready_, room_;
    std::deque<std::function<void()>> work_, shed_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

// 503 busy, with Retry-After: nothing of the request was done.
Refusal busy_refusal();

}  // namespace collector
