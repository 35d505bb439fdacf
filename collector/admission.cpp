#include "collector/admission.hpp"

#include <utility>

namespace collector {
namespace {

// Answering busy costs a shedding thread the time to read one request: a few
// keep up with many clients, and a few slow ones cannot hold them all long
// (each read gives up after the server's read timeout).
constexpr std::size_t kShedders = 4;
constexpr std::size_t kShedWaiting = 256;

// A worker's queue empties in about one request's time (tens to hundreds of
// milliseconds); two seconds leaves room for the clients told to come back.
constexpr int kRetryAfterSeconds = 2;

thread_local bool shedding_thread = false;

}  // namespace

Admission::Admission(AdmissionLimits limits) : limits_(limits) {
    for (std::size_t i = 0; i < limits_.workers; ++i) threads_.emplace_back([this] { run(work_, work_ready_, false); });
    for (std::size_t i = 0; i < kShedders; ++i) threads_.emplace_back([this] { run(shed_, shed_ready_, true); });
}

Admission::~Admission() { shutdown(); }

void Admission::admit(std::function<void()> connection) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return work_.size() < limits_.waiting || shed_.size() < kShedWaiting; });
    if (work_.size() < limits_.waiting) {
        work_.push_back(std::move(connection));
        work_ready_.notify_one();
    } else {
        shed_.push_back(std::move(connection));
        shed_ready_.notify_one();
    }
}

void Admission::shutdown() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    work_ready_.notify_all();
    shed_ready_.notify_all();
    for (std::thread& t : threads_)
        if (t.joinable()) t.join();
}

bool Admission::shedding() { return shedding_thread; }

void Admission::run(std::deque<std::function<void()>>& queue, std::condition_variable& ready, bool shed) {
    shedding_thread = shed;
    for (;;) {
        std::function<void()> connection;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            ready.wait(lock, [&] { return stopping_ || !queue.empty(); });
            if (queue.empty()) return;
            connection = std::move(queue.front());
            queue.pop_front();
        }
        room_.notify_one();
        connection();
    }
}

Refusal busy_refusal() {
    return Refusal{503, "busy", "", "系统繁忙，本次请求未被处理，请稍后重试；未收到回执的提交请重新提交", {}, kRetryAfterSeconds};
}

}  // namespace collector
