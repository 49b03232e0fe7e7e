// The open-loop clock: operation k is due at k/rate; due_by counts what is
// due; nothing is due beyond the run; rounding never delays an operation.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "loadgen/run_schedule.hpp"

namespace credsvc::loadgen {
namespace {
using namespace std::chrono_literals;

TEST(RunSchedule, UnpacedRunsHaveNoDueTimes) {
  const RunSchedule s(2s, 0);
  EXPECT_FALSE(s.paced());
  EXPECT_EQ(s.total(), 0u);
  EXPECT_EQ(s.due_by(1s), 0u);
  EXPECT_FALSE(s.finished(1999ms));
  EXPECT_TRUE(s.finished(2s));
}

TEST(RunSchedule, OperationsAreDueEveryOneOverRate) {
  const RunSchedule s(1s, 1000);
  EXPECT_TRUE(s.paced());
  EXPECT_EQ(s.total(), 1000u);
  EXPECT_EQ(s.due_by(0ns), 1u);  // the first at once
  EXPECT_EQ(s.due_by(999us), 1u);
  EXPECT_EQ(s.due_by(1ms), 2u);
  EXPECT_EQ(s.due_by(500ms), 501u);
  EXPECT_EQ(s.due_by(10s), 1000u);  // never beyond the run
  EXPECT_EQ(s.due_by(-1ms), 0u);
  EXPECT_EQ(s.due_at(0), 0ns);
  EXPECT_EQ(s.due_at(1), 1ms);
  EXPECT_EQ(s.due_at(250), 250ms);
}

TEST(RunSchedule, FractionalRatesAndDurations) {
  const RunSchedule s(std::chrono::milliseconds(2500), 2.5);  // one every 400 ms
  EXPECT_EQ(s.total(), 7u);  // 0, 0.4, ..., 2.4 s
  EXPECT_EQ(s.due_at(3), 1200ms);
  EXPECT_EQ(s.due_by(1199ms), 3u);
  EXPECT_EQ(s.due_by(1200ms), 4u);
}

TEST(RunSchedule, AnOperationIsDueAtItsOwnDueTime) {
  for (const double rate : {1.0, 3.0, 7.0, 333.0, 1000.0, 1234.5, 99'999.0}) {
    const RunSchedule s(10s, rate);
    for (std::uint64_t k = 0; k < s.total(); k += 1 + s.total() / 500) {
      ASSERT_GT(s.due_by(s.due_at(k)), k) << "rate " << rate << " op " << k;
      if (k > 0) {
        ASSERT_LE(s.due_by(s.due_at(k) - 2ns), k) << "rate " << rate << " op " << k;
      }
    }
  }
}

TEST(RunSchedule, RefusesNonsense) {
  EXPECT_THROW(RunSchedule(0s, 10), std::invalid_argument);
  EXPECT_THROW(RunSchedule(1s, -1), std::invalid_argument);
}

}  // namespace
}  // namespace credsvc::loadgen
