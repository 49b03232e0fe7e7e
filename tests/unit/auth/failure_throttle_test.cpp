#include "auth/failure_throttle.hpp"

#include <gtest/gtest.h>

namespace credsvc::auth {
namespace {

using namespace std::chrono_literals;

const TimePoint kT0 = TimePoint(1'700'000'000s);

FailureThrottle::Limits limits(std::size_t capacity = 100) { return {5, 60s, 60s, capacity}; }

TEST(AuthThrottle, LocksAfterNFailuresWithinWindowAndReleases) {
  FailureThrottle t(limits());
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(t.record_failure("alice", kT0 + std::chrono::seconds(i)));
    EXPECT_FALSE(t.locked_out("alice", kT0 + std::chrono::seconds(i)).has_value());
  }
  EXPECT_TRUE(t.record_failure("alice", kT0 + 10s));
  const auto left = t.locked_out("alice", kT0 + 10s);
  ASSERT_TRUE(left.has_value());
  EXPECT_EQ(*left, 60s);
  EXPECT_EQ(t.locked_out("alice", kT0 + 40500ms), std::optional<std::chrono::seconds>(30s));  // rounded up
  EXPECT_EQ(t.locked_out("alice", kT0 + 69s), std::optional<std::chrono::seconds>(1s));
  EXPECT_FALSE(t.locked_out("alice", kT0 + 70s).has_value());
  // Afresh after the lock-out: one failure does not lock again.
  EXPECT_FALSE(t.record_failure("alice", kT0 + 71s));
  EXPECT_FALSE(t.locked_out("alice", kT0 + 71s).has_value());
  EXPECT_FALSE(t.locked_out("bob", kT0 + 10s).has_value());
}

TEST(AuthThrottle, FailuresOutsideWindowDoNotAccumulate) {
  FailureThrottle t(limits());
  for (int i = 0; i < 20; ++i) {
    // 4 failures per 61-second window never reach 5.
    const TimePoint at = kT0 + std::chrono::seconds(61 * (i / 4) + i % 4);
    EXPECT_FALSE(t.record_failure("alice", at)) << i;
  }
}

TEST(AuthThrottle, ClearResetsTheCount) {
  FailureThrottle t(limits());
  for (int i = 0; i < 4; ++i) t.record_failure("alice", kT0);
  t.clear("alice");
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(t.record_failure("alice", kT0));
  EXPECT_TRUE(t.record_failure("alice", kT0));
}

TEST(AuthThrottle, BoundedAndFloodDoesNotUnlockAVictim) {
  FailureThrottle t(limits(8));
  for (int i = 0; i < 5; ++i) t.record_failure("victim", kT0);
  ASSERT_TRUE(t.locked_out("victim", kT0).has_value());
  for (int i = 0; i < 1000; ++i) {
    t.record_failure("flood" + std::to_string(i), kT0 + 1s);
    EXPECT_LE(t.size(), 8u);
  }
  EXPECT_TRUE(t.locked_out("victim", kT0 + 2s).has_value());
}

TEST(AuthThrottle, WhenAllLockedTheSoonestToEndGoesFirst) {
  FailureThrottle t(limits(3));
  for (int k = 0; k < 4; ++k) {
    for (int i = 0; i < 5; ++i) t.record_failure("k" + std::to_string(k), kT0 + std::chrono::seconds(k));
  }
  EXPECT_EQ(t.size(), 3u);
  EXPECT_FALSE(t.locked_out("k0", kT0 + 5s).has_value());
  EXPECT_TRUE(t.locked_out("k1", kT0 + 5s).has_value());
  EXPECT_TRUE(t.locked_out("k3", kT0 + 5s).has_value());
}

TEST(AuthThrottle, RejectsZeroLimits) {
  EXPECT_THROW(FailureThrottle({0, 60s, 60s, 10}), std::invalid_argument);
  EXPECT_THROW(FailureThrottle({5, 60s, 60s, 0}), std::invalid_argument);
  EXPECT_THROW(FailureThrottle({5, 0s, 60s, 10}), std::invalid_argument);
}

}  // namespace
}  // namespace credsvc::auth
