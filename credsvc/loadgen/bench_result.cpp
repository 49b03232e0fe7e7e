#include "loadgen/bench_result.hpp"

#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace credsvc::loadgen {
namespace json = boost::json;

std::uint64_t BenchResult::error_count() const noexcept {
  std::uint64_t n = 0;
  for (const auto& [kind, count] : errors) n += count;
  return n;
}

double BenchResult::throughput() const noexcept {
  return duration_s > 0 ? static_cast<double>(completed) / duration_s : 0.0;
}

double rounded(double value, int decimals) {
  if (!std::isfinite(value)) return 0;
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

json::object to_json(const BenchResult& r) {
  json::object errors;
  for (const auto& [kind, count] : r.errors) errors[kind] = count;
  json::object latency{{"p50", rounded(r.latency.percentile_ms(0.50))},
                       {"p90", rounded(r.latency.percentile_ms(0.90))},
                       {"p99", rounded(r.latency.percentile_ms(0.99))},
                       {"p999", rounded(r.latency.percentile_ms(0.999))},
                       {"max", rounded(r.latency.max_ms())},
                       {"mean", rounded(r.latency.mean_ms())}};
  json::object j{{"scenario", to_string(r.scenario)},
                 {"completed", r.completed},
                 {"errors", std::move(errors)},
                 {"error_count", r.error_count()},
                 {"throughput", rounded(r.throughput())},
                 {"latency_ms", std::move(latency)},
                 {"duration_s", rounded(r.duration_s)}};
  for (const auto& extra : r.extras) j[extra.key()] = extra.value();
  return j;
}

namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string extra_text(const json::value& v) {
  if (v.is_double()) return fixed(v.as_double(), 3);
  if (v.is_string()) return std::string(v.as_string());
  return json::serialize(v);
}

}  // namespace

std::string to_text(const BenchResult& r) {
  std::ostringstream out;
  out << "scenario:    " << to_string(r.scenario) << "\n"
      << "completed:   " << r.completed << " in " << fixed(r.duration_s, 2) << " s\n"
      << "throughput:  " << fixed(r.throughput(), 1) << " /s\n"
      << "latency ms:  p50 " << fixed(r.latency.percentile_ms(0.50), 3) << "  p90 "
      << fixed(r.latency.percentile_ms(0.90), 3) << "  p99 " << fixed(r.latency.percentile_ms(0.99), 3)
      << "  p99.9 " << fixed(r.latency.percentile_ms(0.999), 3) << "  max " << fixed(r.latency.max_ms(), 3)
      << "\n"
      << "errors:      " << r.error_count();
  if (!r.errors.empty()) {
    out << " (";
    bool first = true;
    for (const auto& [kind, count] : r.errors) {
      out << (first ? "" : ", ") << kind << " " << count;
      first = false;
    }
    out << ")";
  }
  out << "\n";
  for (const auto& extra : r.extras) {
    std::string name(extra.key());
    name += ":";
    if (name.size() < 12) name.resize(12, ' ');
    out << name << " " << extra_text(extra.value()) << "\n";
  }
  return out.str();
}

}  // namespace credsvc::loadgen
