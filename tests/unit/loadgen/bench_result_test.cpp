// The result of a run as JSON (the --json contract: scenario, completed,
// errors, throughput, latency_ms {p50, p99, p999}) and as text, and the
// server figures put per CPU-second.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "loadgen/bench_result.hpp"
#include "loadgen/server_figures.hpp"

namespace credsvc::loadgen {
namespace {
namespace json = boost::json;

BenchResult sample_result() {
  BenchResult r;
  r.scenario = Scenario::fetch;
  for (int i = 0; i < 99; ++i) r.latency.record_us(1023);  // the top of its histogram bucket: exact
  r.latency.record_us(7000);
  r.completed = 100;
  r.duration_s = 4;
  r.count_error("timeout");
  r.count_error("status_503", 2);
  r.count_error("timeout");
  r.extras["connections"] = 8;
  return r;
}

TEST(BenchResult, JsonCarriesTheContractFields) {
  const json::object j = to_json(sample_result());
  EXPECT_EQ(j.at("scenario").as_string(), "fetch");
  EXPECT_EQ(j.at("completed").to_number<std::uint64_t>(), 100u);
  const auto& errors = j.at("errors").as_object();
  EXPECT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors.at("timeout").to_number<int>(), 2);
  EXPECT_EQ(errors.at("status_503").to_number<int>(), 2);
  EXPECT_EQ(j.at("error_count").to_number<int>(), 4);
  EXPECT_DOUBLE_EQ(j.at("throughput").to_number<double>(), 25.0);
  const auto& latency = j.at("latency_ms").as_object();
  EXPECT_DOUBLE_EQ(latency.at("p50").to_number<double>(), 1.023);
  EXPECT_DOUBLE_EQ(latency.at("p99").to_number<double>(), 1.023);
  EXPECT_DOUBLE_EQ(latency.at("p999").to_number<double>(), 7.0);
  EXPECT_DOUBLE_EQ(latency.at("max").to_number<double>(), 7.0);
  EXPECT_DOUBLE_EQ(latency.at("mean").to_number<double>(), 1.083);  // (99 × 1023 + 7000) / 100 µs
  EXPECT_DOUBLE_EQ(j.at("duration_s").to_number<double>(), 4.0);
  EXPECT_EQ(j.at("connections").to_number<int>(), 8);
  // One object, parseable as such.
  EXPECT_TRUE(json::parse(json::serialize(j)).is_object());
}

TEST(BenchResult, NoErrorsIsAnEmptyObjectAndNoTimeNoThroughput) {
  BenchResult r;
  r.scenario = Scenario::idle;
  const json::object j = to_json(r);
  EXPECT_TRUE(j.at("errors").as_object().empty());
  EXPECT_EQ(j.at("throughput").to_number<double>(), 0.0);
  EXPECT_EQ(j.at("latency_ms").as_object().at("p99").to_number<double>(), 0.0);
}

TEST(BenchResult, TextNamesEveryFigure) {
  const std::string text = to_text(sample_result());
  EXPECT_NE(text.find("scenario:    fetch\n"), std::string::npos) << text;
  EXPECT_NE(text.find("completed:   100 in 4.00 s\n"), std::string::npos) << text;
  EXPECT_NE(text.find("throughput:  25.0 /s\n"), std::string::npos) << text;
  EXPECT_NE(text.find("p50 1.023  p90 1.023  p99 1.023  p99.9 7.000"), std::string::npos) << text;
  EXPECT_NE(text.find("errors:      4 (status_503 2, timeout 2)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("connections: 8\n"), std::string::npos) << text;
}

TEST(BenchResult, Rounding) {
  EXPECT_DOUBLE_EQ(rounded(2.9999999999999996), 3.0);
  EXPECT_DOUBLE_EQ(rounded(1.23456, 2), 1.23);
  EXPECT_EQ(rounded(std::numeric_limits<double>::infinity()), 0.0);
}

TEST(ServerFigures, PerServerCpuSecond) {
  BenchResult r = sample_result();  // 100 completed in 4 s
  add_server_figures(r, ServerSample{10.0, 50'000'000}, ServerSample{12.5, 60'000'000});
  EXPECT_DOUBLE_EQ(r.extras.at("server_cpu_s").to_number<double>(), 2.5);
  EXPECT_DOUBLE_EQ(r.extras.at("server_cpu_utilization").to_number<double>(), 0.625);
  EXPECT_DOUBLE_EQ(r.extras.at("per_server_cpu_s").to_number<double>(), 40.0);
  EXPECT_EQ(r.extras.at("rss_bytes").to_number<std::uint64_t>(), 60'000'000u);
  BenchResult idle;
  add_server_figures(idle, ServerSample{1, 1}, ServerSample{1, 1});
  EXPECT_EQ(idle.extras.at("per_server_cpu_s").to_number<double>(), 0.0);  // no division by zero
}

}  // namespace
}  // namespace credsvc::loadgen
