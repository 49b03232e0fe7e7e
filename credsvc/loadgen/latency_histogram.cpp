#include "loadgen/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace credsvc::loadgen {
namespace {

constexpr std::uint64_t kExact = 128;      // 0..127 µs: one bucket each
constexpr unsigned kSubBits = 6;           // 64 buckets per power of two above
constexpr std::uint64_t kSub = 1u << kSubBits;
constexpr std::uint64_t kMaxUs = std::uint64_t{1} << 40;  // ~12.7 days

double to_ms(std::uint64_t us) { return static_cast<double>(us) / 1000.0; }

}  // namespace

std::size_t LatencyHistogram::bucket_of(std::uint64_t us) noexcept {
  us = std::min(us, kMaxUs);
  if (us < kExact) return static_cast<std::size_t>(us);
  // us lies in [2^(shift+6), 2^(shift+7)): its top 7 bits pick the bucket.
  const unsigned shift = static_cast<unsigned>(std::bit_width(us)) - (kSubBits + 1);
  const std::uint64_t top = us >> shift;  // 64..127
  return static_cast<std::size_t>(kExact + (shift - 1) * kSub + (top - kSub));
}

std::uint64_t LatencyHistogram::highest_in_bucket(std::size_t bucket) noexcept {
  if (bucket < kExact) return bucket;
  const std::uint64_t rest = bucket - kExact;
  const unsigned shift = static_cast<unsigned>(rest / kSub) + 1;
  const std::uint64_t top = kSub + rest % kSub;
  return ((top + 1) << shift) - 1;
}

void LatencyHistogram::record(std::chrono::nanoseconds latency) {
  const auto ns = latency.count();
  record_us(ns <= 0 ? 0 : static_cast<std::uint64_t>(ns / 1000));
}

void LatencyHistogram::record_us(std::uint64_t us) {
  us = std::min(us, kMaxUs);
  const std::size_t b = bucket_of(us);
  if (b >= counts_.size()) counts_.resize(b + 1, 0);
  ++counts_[b];
  min_us_ = count_ == 0 ? us : std::min(min_us_, us);
  max_us_ = std::max(max_us_, us);
  sum_us_ += static_cast<long double>(us);
  ++count_;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  if (other.counts_.size() > counts_.size()) counts_.resize(other.counts_.size(), 0);
  for (std::size_t i = 0; i < other.counts_.size(); ++i) counts_[i] += other.counts_[i];
  min_us_ = count_ == 0 ? other.min_us_ : std::min(min_us_, other.min_us_);
  max_us_ = std::max(max_us_, other.max_us_);
  sum_us_ += other.sum_us_;
  count_ += other.count_;
}

double LatencyHistogram::percentile_ms(double q) const {
  if (count_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_) - 1e-9)));
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < counts_.size(); ++b) {
    seen += counts_[b];
    if (seen >= rank) return to_ms(std::min(highest_in_bucket(b), max_us_));
  }
  return to_ms(max_us_);
}

double LatencyHistogram::min_ms() const noexcept { return to_ms(min_us_); }
double LatencyHistogram::max_ms() const noexcept { return to_ms(max_us_); }
double LatencyHistogram::mean_ms() const noexcept {
  return count_ == 0 ? 0.0 : static_cast<double>(sum_us_ / static_cast<long double>(count_)) / 1000.0;
}

}  // namespace credsvc::loadgen
