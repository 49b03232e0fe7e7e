#include "loadgen/server_probe.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "loadgen/proc_stats.hpp"

namespace credsvc::loadgen {
namespace {

std::string slurp(const std::string& path, int pid) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("--server-pid " + std::to_string(pid) + ": no such process (cannot read " + path + ")");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

ServerProbe::ServerProbe(int pid) : pid_(pid) {
  const long ticks = ::sysconf(_SC_CLK_TCK);
  seconds_per_tick_ = ticks > 0 ? 1.0 / static_cast<double>(ticks) : 0.01;
  (void)sample();  // fails now, before the run, for a wrong pid
}

ServerSample ServerProbe::sample() const {
  const std::string base = "/proc/" + std::to_string(pid_);
  const auto ticks = cpu_ticks_from_stat(slurp(base + "/stat", pid_));
  const auto rss = rss_bytes_from_status(slurp(base + "/status", pid_));
  if (!ticks || !rss) {
    throw std::runtime_error("--server-pid " + std::to_string(pid_) + ": cannot read its CPU time and RSS from " + base);
  }
  return ServerSample{static_cast<double>(*ticks) * seconds_per_tick_, *rss};
}

}  // namespace credsvc::loadgen
