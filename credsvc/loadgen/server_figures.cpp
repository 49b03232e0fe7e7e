#include "loadgen/server_figures.hpp"

#include "loadgen/bench_result.hpp"

namespace credsvc::loadgen {

void add_server_figures(BenchResult& r, const ServerSample& before, const ServerSample& after) {
  const double cpu = after.cpu_s - before.cpu_s;
  r.extras["server_cpu_s"] = rounded(cpu);
  r.extras["server_cpu_utilization"] = r.duration_s > 0 ? rounded(cpu / r.duration_s) : 0.0;
  r.extras["per_server_cpu_s"] = cpu > 0 ? rounded(static_cast<double>(r.completed) / cpu, 1) : 0.0;
  r.extras["rss_bytes"] = after.rss_bytes;
}

}  // namespace credsvc::loadgen
