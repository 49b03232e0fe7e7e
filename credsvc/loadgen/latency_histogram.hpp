// Latencies of a load run, for percentiles without keeping every sample:
// log-linear buckets of whole microseconds, exact below 128 µs and then 64
// buckets per power of two, so a reported value is at most 1/64 (1.6 %)
// above the true one. No I/O.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace credsvc::loadgen {

class LatencyHistogram {
 public:
  // Negative durations count as 0; anything beyond about 12 days is clamped.
  void record(std::chrono::nanoseconds latency);
  void record_us(std::uint64_t microseconds);
  void merge(const LatencyHistogram& other);

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  // The value at or below which a fraction `q` (0..1) of the samples lie:
  // the highest value of the bucket holding the sample of rank ceil(q·n),
  // never above the largest sample. 0 when empty.
  [[nodiscard]] double percentile_ms(double q) const;
  [[nodiscard]] double min_ms() const noexcept;
  [[nodiscard]] double max_ms() const noexcept;
  [[nodiscard]] double mean_ms() const noexcept;

  // Bucket arithmetic, public for the tests.
  static std::size_t bucket_of(std::uint64_t microseconds) noexcept;
  static std::uint64_t highest_in_bucket(std::size_t bucket) noexcept;

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t min_us_ = 0;
  std::uint64_t max_us_ = 0;
  long double sum_us_ = 0;
};

}  // namespace credsvc::loadgen
