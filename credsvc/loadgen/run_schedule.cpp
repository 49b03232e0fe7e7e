#include "loadgen/run_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace credsvc::loadgen {

RunSchedule::RunSchedule(std::chrono::nanoseconds duration, double rate) : duration_(duration), rate_(rate) {
  if (duration.count() <= 0) throw std::invalid_argument("the run's duration must be positive");
  if (!(rate >= 0) || !std::isfinite(rate)) throw std::invalid_argument("the rate must be 0 or positive");
}

std::uint64_t RunSchedule::total() const noexcept {
  if (!paced()) return 0;
  // Operations k with k/rate < duration.
  const long double ops = static_cast<long double>(duration_.count()) * rate_ / 1e9L;
  return static_cast<std::uint64_t>(std::ceil(ops));
}

std::uint64_t RunSchedule::due_by(std::chrono::nanoseconds elapsed) const noexcept {
  if (!paced() || elapsed.count() < 0) return 0;
  // Half a nanosecond of slack absorbs rounding, so due_by(due_at(k)) > k.
  const long double ops = (static_cast<long double>(elapsed.count()) + 0.5L) * rate_ / 1e9L;
  const auto due = static_cast<std::uint64_t>(std::floor(ops)) + 1;
  return std::min(due, total());
}

std::chrono::nanoseconds RunSchedule::due_at(std::uint64_t index) const noexcept {
  if (!paced()) return std::chrono::nanoseconds(0);
  const long double ns = static_cast<long double>(index) * 1e9L / rate_;
  return std::chrono::nanoseconds(static_cast<std::int64_t>(std::ceil(ns)));
}

}  // namespace credsvc::loadgen
