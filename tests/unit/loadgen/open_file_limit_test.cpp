// The open-file limit: raised to the hard limit, and a warning naming the
// figures when that is below what the run needs.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include "loadgen/open_file_limit.hpp"

namespace credsvc::loadgen {
namespace {

TEST(OpenFileLimit, RaisesTheSoftLimitToTheHardLimit) {
  rlimit lowered{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &lowered), 0);
  const rlimit original = lowered;
  if (lowered.rlim_max > 256) {
    lowered.rlim_cur = 256;
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
  }
  const FileLimit limit = raise_open_file_limit();
  EXPECT_EQ(limit.soft, limit.hard);
  EXPECT_EQ(limit.hard, static_cast<std::uint64_t>(original.rlim_max));
  rlimit now{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &now), 0);
  EXPECT_EQ(static_cast<std::uint64_t>(now.rlim_cur), limit.soft);
  ::setrlimit(RLIMIT_NOFILE, &original);
}

TEST(OpenFileLimit, WarnsOnlyWhenTooLow) {
  EXPECT_EQ(file_limit_warning({20'000, 20'000}, 10'033), "");
  EXPECT_EQ(file_limit_warning({1024, 4096}, 10'033),
            "the open-file limit is 1024 (hard limit 4096) but about 10033 descriptors are needed: "
            "connections beyond it will fail (raise it with ulimit -n, LimitNOFILE= or limits.conf)");
}

}  // namespace
}  // namespace credsvc::loadgen
