#include "loadgen/progress_line.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace credsvc::loadgen {

std::string with_thousands(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  const std::size_t lead = digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && i >= lead && (i - lead) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string format_progress(const ProgressSnapshot& s) {
  char p99[32];
  std::snprintf(p99, sizeof p99, "%.2f", s.p99_ms);
  const auto elapsed = static_cast<std::uint64_t>(std::llround(std::max(s.elapsed_s, 0.0)));
  const auto rate = static_cast<std::uint64_t>(std::llround(std::max(s.last_second_rate, 0.0)));
  return std::string(to_string(s.scenario)) + " " + s.phase + " " + std::to_string(elapsed) + "s: " +
         with_thousands(s.completed) + " done (" + with_thousands(rate) + "/s), errors " + with_thousands(s.errors) +
         ", p99 " + p99 + " ms, " + with_thousands(s.connections) + " connections";
}

}  // namespace credsvc::loadgen
