#include "metrics/process_metrics.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>

namespace credsvc::metrics {
namespace {

CollectedFamily one(const std::string& name, const std::string& help, const std::string& type, double value) {
  return {name, help, type, {{name, {}, value}}};
}

std::vector<CollectedFamily> collect() {
  std::vector<CollectedFamily> out;
  // /proc/self/stat: fields after the ")" of the command name; utime and
  // stime are fields 14 and 15, starttime 22 (proc(5)), in clock ticks.
  std::ifstream stat("/proc/self/stat");
  std::string line;
  if (!std::getline(stat, line)) return out;
  const auto close = line.rfind(')');
  if (close == std::string::npos) return out;
  std::istringstream fields(line.substr(close + 2));
  std::vector<std::string> f;
  for (std::string v; fields >> v;) f.push_back(v);
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  if (f.size() > 20 && ticks > 0) {
    // f[0] is field 3 (state).
    const double cpu = (std::stod(f[11]) + std::stod(f[12])) / ticks;
    out.push_back(one("process_cpu_seconds_total", "user and system CPU time of the process", "counter", cpu));
    double boot = 0;
    std::ifstream uptime_source("/proc/stat");
    for (std::string l; std::getline(uptime_source, l);) {
      if (l.rfind("btime ", 0) == 0) boot = std::stod(l.substr(6));
    }
    if (boot > 0) {
      out.push_back(one("process_start_time_seconds", "start of the process since the Unix epoch", "gauge",
                        boot + std::stod(f[19]) / ticks));
    }
  }
  std::ifstream status("/proc/self/status");
  for (std::string l; std::getline(status, l);) {
    if (l.rfind("VmRSS:", 0) == 0) {
      out.push_back(one("process_resident_memory_bytes", "resident memory of the process", "gauge",
                        std::stod(l.substr(6)) * 1024));  // reported in kB
    }
  }
  std::error_code ec;
  std::size_t fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    ++fds;
  }
  if (!ec) out.push_back(one("process_open_fds", "open file descriptors", "gauge", static_cast<double>(fds)));
  return out;
}

}  // namespace

void register_process_metrics(Registry& registry) {
  static std::once_flag once;
  std::call_once(once, [&registry] {
    registry.add_collector([] {
      try {
        return collect();
      } catch (const std::exception&) {
        return std::vector<CollectedFamily>{};  // a /proc oddity must not break the scrape
      }
    });
  });
}

}  // namespace credsvc::metrics
