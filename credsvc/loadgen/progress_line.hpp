// The progress line `credsvc bench` writes to stderr once a second while it
// runs (on a terminal, unless --quiet). Formatting only.
#pragma once

#include <cstdint>
#include <string>

#include "loadgen/bench_options.hpp"

namespace credsvc::loadgen {

struct ProgressSnapshot {
  Scenario scenario = Scenario::fetch;
  std::string phase;            // "setup", "run", "drain", "round 2"...
  double elapsed_s = 0;         // since the phase began
  std::uint64_t completed = 0;  // so far
  std::uint64_t errors = 0;
  double last_second_rate = 0;  // completions in the last interval, per second
  double p99_ms = 0;            // of everything so far
  std::uint64_t connections = 0;  // open now
};

// "fetch run 3s: 6,012 done (2,004/s), errors 0, p99 3.21 ms, 8 connections"
std::string format_progress(const ProgressSnapshot& snapshot);

// 1234567 → "1,234,567".
std::string with_thousands(std::uint64_t value);

}  // namespace credsvc::loadgen
