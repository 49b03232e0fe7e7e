#include "auth/nonce_count_tracker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace credsvc::auth {
namespace {

using namespace std::chrono_literals;

const TimePoint kT0 = TimePoint(1'700'000'000s);

TEST(DigestReplay, HigherCountAcceptedEqualOrLowerRefused) {
  NonceCountTracker t(16, 300s);
  EXPECT_EQ(t.record("n1", kT0, 1, kT0), NonceCountVerdict::fresh);
  EXPECT_EQ(t.peek("n1", kT0, 1), NonceCountVerdict::replayed);
  EXPECT_EQ(t.record("n1", kT0, 1, kT0), NonceCountVerdict::replayed);
  EXPECT_EQ(t.peek("n1", kT0, 2), NonceCountVerdict::fresh);
  EXPECT_EQ(t.record("n1", kT0, 5, kT0), NonceCountVerdict::fresh);
  EXPECT_EQ(t.record("n1", kT0, 3, kT0), NonceCountVerdict::replayed);
  EXPECT_EQ(t.record("n1", kT0, 6, kT0), NonceCountVerdict::fresh);
  // Independent per nonce.
  EXPECT_EQ(t.record("n2", kT0, 1, kT0), NonceCountVerdict::fresh);
  EXPECT_EQ(t.size(), 2u);
}

TEST(DigestReplay, BoundedAndEvictionNeverReopensReplay) {
  NonceCountTracker t(4, 300s);
  for (int i = 0; i < 10; ++i) {
    const TimePoint issued = kT0 + std::chrono::seconds(i);
    EXPECT_EQ(t.record("n" + std::to_string(i), issued, 1, kT0 + 10s), NonceCountVerdict::fresh);
    EXPECT_LE(t.size(), 4u);
  }
  EXPECT_EQ(t.size(), 4u);
  // n0..n5 were evicted: a replay of their nc=1 must not pass as fresh.
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(t.peek("n" + std::to_string(i), kT0 + std::chrono::seconds(i), 1), NonceCountVerdict::forgotten);
    EXPECT_EQ(t.record("n" + std::to_string(i), kT0 + std::chrono::seconds(i), 2, kT0 + 10s),
              NonceCountVerdict::forgotten);
  }
  // The retained ones still work, and newer nonces are still fresh.
  EXPECT_EQ(t.record("n9", kT0 + 9s, 1, kT0 + 10s), NonceCountVerdict::replayed);
  EXPECT_EQ(t.record("n9", kT0 + 9s, 2, kT0 + 10s), NonceCountVerdict::fresh);
  EXPECT_EQ(t.peek("new", kT0 + 20s, 1), NonceCountVerdict::fresh);
  EXPECT_LE(t.size(), 4u);
}

TEST(DigestReplay, ExpiredEntriesAreDropped) {
  NonceCountTracker t(100, 300s);
  for (int i = 0; i < 50; ++i) t.record("old" + std::to_string(i), kT0, 1, kT0);
  EXPECT_EQ(t.size(), 50u);
  t.record("young", kT0 + 400s, 1, kT0 + 400s);
  EXPECT_EQ(t.size(), 1u);
}

TEST(DigestReplay, ConcurrentRecordsAcceptEachCountAtMostOnce) {
  NonceCountTracker t(1024, 300s);
  constexpr int kThreads = 4;
  constexpr std::uint32_t kCounts = 200;
  std::vector<std::atomic<int>> accepted(kCounts + 1);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (std::uint32_t nc = 1; nc <= kCounts; ++nc) {
        if (t.record("shared", kT0, nc, kT0) == NonceCountVerdict::fresh) ++accepted[nc];
      }
    });
  }
  for (auto& th : threads) th.join();
  int total = 0;
  for (std::uint32_t nc = 1; nc <= kCounts; ++nc) {
    EXPECT_LE(accepted[nc].load(), 1) << "nc " << nc << " accepted twice";
    total += accepted[nc].load();
  }
  EXPECT_GE(total, 1);
  EXPECT_EQ(t.record("shared", kT0, kCounts, kT0), NonceCountVerdict::replayed);
}

TEST(DigestReplay, RejectsZeroCapacity) {
  EXPECT_THROW(NonceCountTracker(0, 300s), std::invalid_argument);
  EXPECT_THROW(NonceCountTracker(1, 0s), std::invalid_argument);
}

}  // namespace
}  // namespace credsvc::auth
