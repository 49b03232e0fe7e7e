// What a load run measured, and its two presentations: the summary printed
// on standard output and the single JSON object of --json. No I/O.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <string>

#include "loadgen/bench_options.hpp"
#include "loadgen/latency_histogram.hpp"

namespace credsvc::loadgen {

struct BenchResult {
  Scenario scenario = Scenario::fetch;
  std::uint64_t completed = 0;
  // Failures by kind ("timeout", "status_503", "connect", ...).
  std::map<std::string, std::uint64_t> errors;
  // The measured window: from the first operation to the last answer.
  double duration_s = 0;
  LatencyHistogram latency;
  // Scenario figures, in the order they are reported (connections,
  // server_cpu_s, rss_bytes, fanout_ms, ...).
  boost::json::object extras;

  void count_error(const std::string& kind, std::uint64_t n = 1) { errors[kind] += n; }
  [[nodiscard]] std::uint64_t error_count() const noexcept;
  // Completed operations per second of the measured window.
  [[nodiscard]] double throughput() const noexcept;
};

// {"scenario", "completed", "errors": {kind: count}, "error_count",
//  "throughput", "latency_ms": {"p50", "p90", "p99", "p999", "max", "mean"},
//  "duration_s", then the extras}. Milliseconds and rates are rounded to
// 3 decimals.
boost::json::object to_json(const BenchResult& result);

// Human-readable lines: scenario, completed, throughput, latency
// percentiles, errors by kind, then each extra as "name: value".
std::string to_text(const BenchResult& result);

// Rounds to `decimals` places, for figures that should not print as
// 2.9999999999999996.
double rounded(double value, int decimals = 3);

}  // namespace credsvc::loadgen
