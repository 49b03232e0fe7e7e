#include "metrics/registry.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace credsvc::metrics {
namespace {

TEST(MetricsRegistry, CounterWithLabelsRendersHelpTypeAndSamples) {
  Registry r;
  auto& f = r.counter("credsvc_sip_requests_total", "SIP requests received", {"method"});
  f.with({"SUBSCRIBE"}).inc();
  f.with({"SUBSCRIBE"}).inc(2);
  f.with({"PUBLISH"}).inc();
  const std::string text = r.render();
  EXPECT_NE(text.find("# HELP credsvc_sip_requests_total SIP requests received\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE credsvc_sip_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("credsvc_sip_requests_total{method=\"SUBSCRIBE\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("credsvc_sip_requests_total{method=\"PUBLISH\"} 1\n"), std::string::npos);
}

TEST(MetricsRegistry, SameFamilyTwiceIsTheSameAndAConflictIsRefused) {
  Registry r;
  auto& a = r.counter("x_total", "x", {"a"});
  auto& b = r.counter("x_total", "x", {"a"});
  EXPECT_EQ(&a, &b);
  EXPECT_THROW(r.gauge("x_total", "x", {"a"}), std::invalid_argument);
  EXPECT_THROW(r.counter("x_total", "x", {"b"}), std::invalid_argument);
  EXPECT_THROW(r.counter("9bad", "x"), std::invalid_argument);
  EXPECT_THROW(r.counter("ok_total", "x", {"bad-label"}), std::invalid_argument);
  EXPECT_THROW(a.with({}), std::invalid_argument);
}

TEST(MetricsRegistry, LabelValuesAreEscaped) {
  Registry r;
  r.gauge("g", "a gauge", {"domain"}).with({"a\"b\\c\nd"}).set(1.5);
  EXPECT_NE(r.render().find("g{domain=\"a\\\"b\\\\c\\nd\"} 1.5\n"), std::string::npos) << r.render();
}

TEST(MetricsRegistry, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Registry r;
  auto& h = r.histogram("lat_seconds", "latency", {}, {0.001, 0.01}).get();
  h.observe(0.0005);
  h.observe(0.001);  // le is inclusive
  h.observe(0.005);
  h.observe(3);
  const std::string text = r.render();
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"0.001\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"0.01\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_count 4\n"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_sum 3.0065\n"), std::string::npos) << text;
  EXPECT_THROW(r.histogram("bad_seconds", "x", {}, {0.2, 0.1}), std::invalid_argument);
  EXPECT_THROW(r.histogram("bad2_seconds", "x", {"le"}, {0.1}), std::invalid_argument);
}

TEST(MetricsRegistry, CollectorsAddFamiliesAtScrapeTimeAndCanBeRemoved) {
  Registry r;
  int calls = 0;
  const auto id = r.add_collector([&calls] {
    ++calls;
    return std::vector<CollectedFamily>{
        {"open_connections", "open", "gauge", {{"open_connections", {{"listener", "sip"}}, 7}}}};
  });
  EXPECT_NE(r.render().find("open_connections{listener=\"sip\"} 7\n"), std::string::npos);
  EXPECT_EQ(calls, 1);
  r.remove_collector(id);
  EXPECT_EQ(r.render().find("open_connections"), std::string::npos);
}

TEST(MetricsRegistry, OutputIsSortedByFamilyName) {
  Registry r;
  r.counter("b_total", "b").get().inc();
  r.counter("a_total", "a").get().inc();
  const auto text = r.render();
  EXPECT_LT(text.find("a_total"), text.find("b_total"));
}

TEST(MetricsRegistry, ConcurrentIncrementsAreAllCounted) {
  Registry r;
  auto& f = r.counter("n_total", "n", {"t"});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&f] {
      for (int i = 0; i < 10000; ++i) f.with({"x"}).inc();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(f.with({"x"}).value(), 40000u);
}

}  // namespace
}  // namespace credsvc::metrics
