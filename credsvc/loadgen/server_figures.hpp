// The server's share of a run, from two samples of its /proc figures taken
// at the start and the end of the measured window. No I/O.
#pragma once

#include <cstdint>

namespace credsvc::loadgen {

struct BenchResult;

struct ServerSample {
  double cpu_s = 0;             // user + system time of all its threads
  std::uint64_t rss_bytes = 0;  // VmRSS
};

// Adds server_cpu_s (after - before), server_cpu_utilization (CPU seconds
// per second of the window: 2.0 is two cores busy), per_server_cpu_s
// (completed operations per server CPU-second) and rss_bytes (after).
void add_server_figures(BenchResult& result, const ServerSample& before, const ServerSample& after);

}  // namespace credsvc::loadgen
