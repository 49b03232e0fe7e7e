// /proc parsing: CPU ticks from stat (a command name with spaces and
// parentheses), VmRSS from status; and the real files of this process.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "loadgen/proc_stats.hpp"
#include "loadgen/server_probe.hpp"

namespace credsvc::loadgen {
namespace {

TEST(ProcStats, CpuTicksAreUtimePlusStime) {
  // Fields 14 and 15 are utime 1500 and stime 250.
  const std::string stat =
      "4242 (credsvc) S 1 4242 4242 0 -1 4194560 1234 0 0 0 1500 250 0 0 20 0 5 0 100 123456 789 "
      "18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";
  EXPECT_EQ(cpu_ticks_from_stat(stat), 1750u);
  // The command name may hold spaces and ')'.
  const std::string odd = "7 (a b) c) R 1 7 7 0 -1 0 0 0 0 0 30 12 0 0 20 0 1 0 5 0 0\n";
  EXPECT_EQ(cpu_ticks_from_stat(odd), 42u);
}

TEST(ProcStats, MalformedStatIsRefused) {
  EXPECT_FALSE(cpu_ticks_from_stat("").has_value());
  EXPECT_FALSE(cpu_ticks_from_stat("12 (short) S 1 2 3").has_value());
  EXPECT_FALSE(cpu_ticks_from_stat("1 (x) S 1 1 1 0 -1 0 0 0 0 0 abc 1 0").has_value());
}

TEST(ProcStats, RssFromStatus) {
  const std::string status = "Name:\tcredsvc\nVmPeak:\t  900000 kB\nVmRSS:\t   51200 kB\nThreads:\t5\n";
  EXPECT_EQ(rss_bytes_from_status(status), 51200u * 1024u);
  EXPECT_FALSE(rss_bytes_from_status("Name:\tx\n").has_value());
  EXPECT_FALSE(rss_bytes_from_status("VmRSS:\tlots\n").has_value());
}

TEST(ServerProbe, ReadsThisProcess) {
  const ServerProbe probe(static_cast<int>(::getpid()));
  const ServerSample a = probe.sample();
  EXPECT_GT(a.rss_bytes, 1024u * 1024u);  // a test binary takes more than 1 MiB
  volatile double x = 0;
  for (int i = 0; i < 30'000'000; ++i) x = x + 1.0 / (i + 1);  // some CPU time
  const ServerSample b = probe.sample();
  EXPECT_GE(b.cpu_s, a.cpu_s);
  EXPECT_GT(b.cpu_s, 0.0);
}

TEST(ServerProbe, ANonexistentProcessIsNamed) {
  try {
    ServerProbe probe(999'999'999);
    FAIL() << "accepted a pid that cannot exist";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("--server-pid 999999999: no such process"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace credsvc::loadgen
