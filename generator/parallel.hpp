#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace gen {

// Threads to use for n items: one per core, never more than n, at least 1.
inline std::size_t worker_count(std::size_t n) {
    return std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), n));
}

// Runs fn(worker, i) for i in [0, n) on worker_count(n) threads; worker is
// in [0, worker_count(n)) so callers can keep per-thread state. fn must not throw.
template <typename Fn>
void parallel_for(std::size_t n, Fn&& fn) {
    const std::size_t workers = worker_count(n);
    std::atomic<std::size_t> next{0};
    auto run = [&](std::size_t worker) {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) fn(worker, i);
    };
    std::vector<std::thread> threads;
    for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(run, w);
    run(0);
    for (auto& t : threads) t.join();
}

// Runs a() on a thread of its own while b() runs on this one, and returns
// once both have, rethrowing the exception of either (a's first).
template <typename A, typename B>
void run_both(A&& a, B&& b) {
    std::exception_ptr a_failed;
    std::thread other([&] {
        try {
            a();
        } catch (...) {
            a_failed = std::current_exception();
        }
    });
    try {
        b();
    } catch (...) {
        other.join();
        if (a_failed) std::rethrow_exception(a_failed);
        throw;
    }
    other.join();
    if (a_failed) std::rethrow_exception(a_failed);
}

}  // namespace gen
