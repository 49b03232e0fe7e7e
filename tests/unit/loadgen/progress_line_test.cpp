// The progress line on stderr.
#include <gtest/gtest.h>

#include "loadgen/progress_line.hpp"

namespace credsvc::loadgen {
namespace {

TEST(ProgressLine, Thousands) {
  EXPECT_EQ(with_thousands(0), "0");
  EXPECT_EQ(with_thousands(999), "999");
  EXPECT_EQ(with_thousands(1000), "1,000");
  EXPECT_EQ(with_thousands(12345), "12,345");
  EXPECT_EQ(with_thousands(123456), "123,456");
  EXPECT_EQ(with_thousands(1234567), "1,234,567");
}

TEST(ProgressLine, Format) {
  ProgressSnapshot s;
  s.scenario = Scenario::fetch;
  s.phase = "run";
  s.elapsed_s = 3.2;
  s.completed = 6012;
  s.errors = 1;
  s.last_second_rate = 2004.4;
  s.p99_ms = 3.214;
  s.connections = 8;
  EXPECT_EQ(format_progress(s), "fetch run 3s: 6,012 done (2,004/s), errors 1, p99 3.21 ms, 8 connections");
}

}  // namespace
}  // namespace credsvc::loadgen
