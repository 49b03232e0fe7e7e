#include "events/expires_policy.hpp"

#include <gtest/gtest.h>

namespace credsvc::events {
namespace {

const ExpiresBounds kBounds{60, 3600, 86'400};

TEST(ExpiresPolicy, AbsentTakesTheDefault) { EXPECT_EQ(decide_expires(std::nullopt, kBounds).granted, 3600u); }

TEST(ExpiresPolicy, ZeroIsAFetchNotTooBrief) {
  const auto d = decide_expires(0u, kBounds);
  EXPECT_FALSE(d.too_brief);
  EXPECT_EQ(d.granted, 0u);
}

TEST(ExpiresPolicy, BelowMinimumIsTooBrief) {
  EXPECT_TRUE(decide_expires(59u, kBounds).too_brief);
  EXPECT_FALSE(decide_expires(60u, kBounds).too_brief);
}

TEST(ExpiresPolicy, AboveMaximumIsCapped) { EXPECT_EQ(decide_expires(1'000'000u, kBounds).granted, 86'400u); }

TEST(ExpiresPolicy, CertificateLifetimeCapsEvenBelowMinimum) {
  EXPECT_EQ(decide_expires(3600u, kBounds, 1800u).granted, 1800u);
  EXPECT_EQ(decide_expires(3600u, kBounds, 10u).granted, 10u);
}

TEST(ExpiresPolicy, SecondsUntilSaturatesAndClampsThePast) {
  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(seconds_until(now - std::chrono::seconds(5), now), 0u);
  EXPECT_EQ(seconds_until(now + std::chrono::seconds(90), now), 90u);
  EXPECT_EQ(seconds_until(now + std::chrono::hours(24 * 365 * 200), now), 4'294'967'295u);
}

}  // namespace
}  // namespace credsvc::events
