#include "loadgen/run_phases.hpp"

#include <algorithm>

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {
constexpr auto kSweepInterval = std::chrono::milliseconds(100);
}

asio::awaitable<void> run_open_loop(BenchSession& s, const RunSchedule& schedule, Clock::time_point start,
                                    const std::function<void(Clock::time_point)>& issue,
                                    const std::function<void()>& sweep) {
  const auto due_time = [&](std::uint64_t k) {
    return start + std::chrono::duration_cast<Clock::duration>(schedule.due_at(k));
  };
  std::uint64_t sent = 0;
  auto last_sweep = Clock::now();
  while (sent < schedule.total()) {
    const auto now = Clock::now();
    for (const std::uint64_t due = schedule.due_by(now - start); sent < due; ++sent) issue(due_time(sent));
    if (now - last_sweep >= kSweepInterval) {
      sweep();
      last_sweep = now;
    }
    if (sent < schedule.total()) co_await s.sleep_until(std::min(due_time(sent), now + kSweepInterval));
  }
  co_await run_closed_loop(s, start + std::chrono::duration_cast<Clock::duration>(schedule.duration()), sweep);
}

asio::awaitable<void> run_closed_loop(BenchSession& s, Clock::time_point end, const std::function<void()>& sweep) {
  while (Clock::now() < end) {
    co_await s.sleep_until(std::min(end, Clock::now() + kSweepInterval));
    sweep();
  }
}

asio::awaitable<void> drain(BenchSession& s, const std::function<std::size_t()>& in_flight,
                            const std::function<void()>& sweep) {
  const auto deadline = Clock::now() + s.timeout();
  while (in_flight() > 0 && Clock::now() < deadline) {
    co_await s.wait_for([&] { return in_flight() == 0; }, std::min(deadline, Clock::now() + kSweepInterval));
    sweep();
  }
}

}  // namespace credsvc::loadgen
