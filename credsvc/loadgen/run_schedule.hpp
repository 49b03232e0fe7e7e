// The clock of a load run: how long it lasts and, at a set rate, when each
// operation is due. Paced runs are open loop: operation k is due k/rate after
// the start whatever happened before, and its latency is counted from then,
// so a server that falls behind cannot slow the offered load and hide its
// queueing delay (no "coordinated omission"). No I/O.
#pragma once

#include <chrono>
#include <cstdint>

namespace credsvc::loadgen {

using Clock = std::chrono::steady_clock;

class RunSchedule {
 public:
  // `rate` operations per second; 0: as fast as the server answers (closed
  // loop). Throws std::invalid_argument for a duration <= 0 or a negative rate.
  RunSchedule(std::chrono::nanoseconds duration, double rate);

  [[nodiscard]] bool paced() const noexcept { return rate_ > 0; }
  [[nodiscard]] double rate() const noexcept { return rate_; }
  [[nodiscard]] std::chrono::nanoseconds duration() const noexcept { return duration_; }
  [[nodiscard]] bool finished(std::chrono::nanoseconds elapsed) const noexcept { return elapsed >= duration_; }

  // Paced: the operations of the whole run, those due before its end.
  [[nodiscard]] std::uint64_t total() const noexcept;
  // Paced: how many operations are due `elapsed` after the start (operation
  // 0 is due at once), never more than total(). 0 when not paced.
  [[nodiscard]] std::uint64_t due_by(std::chrono::nanoseconds elapsed) const noexcept;
  // When operation `index` is due, from the start, rounded up to whole
  // nanoseconds: due_by(due_at(k)) > k, and due_by(due_at(k) - 2ns) <= k.
  [[nodiscard]] std::chrono::nanoseconds due_at(std::uint64_t index) const noexcept;

 private:
  std::chrono::nanoseconds duration_;
  double rate_;
};

}  // namespace credsvc::loadgen
