// The three Prometheus metric kinds, each safe to update from any thread
// without a lock. Call sites keep a reference (from a Family) and update it
// on the hot path; the registry reads them when /metrics is scraped.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

namespace credsvc::metrics {

class Counter {
 public:
  void inc(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

class Gauge {
 public:
  void set(double v) noexcept { value_.store(v, std::memory_order_relaxed); }
  void add(double v) noexcept { value_.fetch_add(v, std::memory_order_relaxed); }
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Cumulative buckets as Prometheus expects them; `bounds` ascending, the
// +Inf bucket is implied.
class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void observe(double v) noexcept;

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf
    double sum = 0;
    std::uint64_t count = 0;
  };
  Snapshot snapshot() const;

 private:
  std::vector<double> bounds_;
  std::vector<std::atomic<std::uint64_t>> buckets_;  // non-cumulative, last: above every bound
  std::atomic<double> sum_{0};
};

// Buckets for durations in seconds, 50 µs to 10 s.
std::vector<double> duration_buckets();

}  // namespace credsvc::metrics
