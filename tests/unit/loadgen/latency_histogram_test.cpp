// Latency percentiles: exact below 128 µs, within 1/64 above, never above
// the largest sample; merging; edge cases.
#include <gtest/gtest.h>

#include <chrono>

#include "loadgen/latency_histogram.hpp"

namespace credsvc::loadgen {
namespace {
using namespace std::chrono_literals;

TEST(LatencyHistogram, EmptyReportsZero) {
  const LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.percentile_ms(0.5), 0.0);
  EXPECT_EQ(h.max_ms(), 0.0);
  EXPECT_EQ(h.mean_ms(), 0.0);
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  LatencyHistogram h;
  for (std::uint64_t us = 1; us <= 100; ++us) h.record_us(us);
  EXPECT_EQ(h.count(), 100u);
  EXPECT_DOUBLE_EQ(h.percentile_ms(0.50), 0.050);
  EXPECT_DOUBLE_EQ(h.percentile_ms(0.99), 0.099);
  EXPECT_DOUBLE_EQ(h.percentile_ms(1.0), 0.100);
  EXPECT_DOUBLE_EQ(h.percentile_ms(0.0), 0.001);  // rank 1: the smallest
  EXPECT_DOUBLE_EQ(h.min_ms(), 0.001);
  EXPECT_DOUBLE_EQ(h.max_ms(), 0.100);
  EXPECT_DOUBLE_EQ(h.mean_ms(), 0.0505);
}

TEST(LatencyHistogram, BucketsCoverEveryValueOnceWithBoundedError) {
  std::size_t previous = 0;
  for (std::uint64_t us = 0; us < 200'000; ++us) {
    const std::size_t b = LatencyHistogram::bucket_of(us);
    ASSERT_GE(b, previous) << us;  // monotone
    ASSERT_LE(b, previous + 1) << us;  // no gaps
    previous = b;
    const std::uint64_t high = LatencyHistogram::highest_in_bucket(b);
    ASSERT_GE(high, us);
    ASSERT_LE(static_cast<double>(high - us), static_cast<double>(us) / 64.0 + 1e-9) << us;
    ASSERT_EQ(LatencyHistogram::bucket_of(high), b) << us;
  }
}

TEST(LatencyHistogram, PercentilesOfAWideDistributionAreWithinPrecision) {
  LatencyHistogram h;
  for (std::uint64_t us = 1; us <= 100'000; ++us) h.record_us(us);  // 1 µs .. 100 ms
  const auto near = [](double got, double want) { return got >= want && got <= want * (1.0 + 1.0 / 64.0); };
  EXPECT_TRUE(near(h.percentile_ms(0.50), 50.0)) << h.percentile_ms(0.50);
  EXPECT_TRUE(near(h.percentile_ms(0.99), 99.0)) << h.percentile_ms(0.99);
  EXPECT_TRUE(near(h.percentile_ms(0.999), 99.9)) << h.percentile_ms(0.999);
  EXPECT_DOUBLE_EQ(h.percentile_ms(1.0), 100.0);  // capped at the largest sample
}

TEST(LatencyHistogram, ATailIsSeenByHighPercentilesOnly) {
  LatencyHistogram h;
  for (int i = 0; i < 990; ++i) h.record(1ms);
  for (int i = 0; i < 10; ++i) h.record(250ms);
  // 1000 µs shares its bucket with 1001..1007: the bucket's highest value is
  // reported (never less than the truth, at most 1/64 more).
  EXPECT_DOUBLE_EQ(h.percentile_ms(0.50), 1.007);
  EXPECT_DOUBLE_EQ(h.percentile_ms(0.99), 1.007);   // rank 990
  EXPECT_DOUBLE_EQ(h.percentile_ms(0.999), 250.0);  // rank 999: capped at the largest sample
}

TEST(LatencyHistogram, NegativeDurationsCountAsZeroAndSubMicrosecondsRoundDown) {
  LatencyHistogram h;
  h.record(-5ms);
  h.record(999ns);
  EXPECT_EQ(h.count(), 2u);
  EXPECT_EQ(h.max_ms(), 0.0);
}

TEST(LatencyHistogram, MergeAddsCountsAndKeepsExtremes) {
  LatencyHistogram a;
  LatencyHistogram b;
  for (int i = 0; i < 50; ++i) a.record_us(10);
  for (int i = 0; i < 50; ++i) b.record_us(20'000);
  LatencyHistogram empty;
  a.merge(empty);
  EXPECT_EQ(a.count(), 50u);
  a.merge(b);
  EXPECT_EQ(a.count(), 100u);
  EXPECT_DOUBLE_EQ(a.percentile_ms(0.50), 0.010);
  EXPECT_DOUBLE_EQ(a.percentile_ms(0.51), 20.0);
  EXPECT_DOUBLE_EQ(a.min_ms(), 0.010);
  EXPECT_DOUBLE_EQ(a.max_ms(), 20.0);
  EXPECT_DOUBLE_EQ(a.mean_ms(), 10.005);
  empty.merge(b);
  EXPECT_DOUBLE_EQ(empty.min_ms(), 20.0);
}

}  // namespace
}  // namespace credsvc::loadgen
