// `credsvc bench` arguments: scenario names, defaults, and the combinations
// refused with a one-line reason.
#include <gtest/gtest.h>

#include "loadgen/bench_options.hpp"
#include "loadgen/open_file_limit.hpp"

namespace credsvc::loadgen {
namespace {

BenchOptions valid(Scenario s) {
  BenchOptions o;
  o.scenario = s;
  o.server = "127.0.0.1:5061";
  o.ca_file = "ca.pem";
  o.aor = "alice@example.test";
  if (needs_password(s)) o.password_stdin = true;
  return with_defaults(o);
}

TEST(BenchOptions, ScenarioNamesRoundTrip) {
  for (const auto& name : scenario_names()) {
    const auto s = parse_scenario(name);
    ASSERT_TRUE(s.has_value()) << name;
    EXPECT_EQ(to_string(*s), name);
  }
  EXPECT_EQ(scenario_names().size(), 5u);
  EXPECT_FALSE(parse_scenario("Fetch").has_value());
  EXPECT_FALSE(parse_scenario("").has_value());
  EXPECT_EQ(parse_trigger("publish"), FanoutTrigger::publish);
  EXPECT_EQ(to_string(FanoutTrigger::revoke), "revoke");
  EXPECT_FALSE(parse_trigger("admin").has_value());
}

TEST(BenchOptions, DefaultsPerScenario) {
  EXPECT_EQ(valid(Scenario::fetch).connections, 8u);
  EXPECT_EQ(valid(Scenario::idle).connections, 100u);
  EXPECT_EQ(valid(Scenario::idle).subscriptions, 100u);  // one per connection
  EXPECT_EQ(valid(Scenario::fanout).subscriptions, 100u);
  EXPECT_EQ(valid(Scenario::fetch).subscriptions, 0u);
  BenchOptions o = valid(Scenario::idle);
  o.connections = 7;
  o.subscriptions = 0;
  EXPECT_EQ(with_defaults(o).subscriptions, 7u);
}

TEST(BenchOptions, EveryScenarioAcceptsItsMinimalCommandLine) {
  for (const auto& name : scenario_names()) {
    EXPECT_EQ(check_options(valid(*parse_scenario(name))), "") << name;
  }
}

// The refusal for one change to a valid option set.
template <class F>
std::string refusal(Scenario s, F change) {
  BenchOptions o = valid(s);
  change(o);
  return check_options(o);
}

TEST(BenchOptions, TargetAndServerAreRequired) {
  EXPECT_EQ(refusal(Scenario::fetch, [](auto& o) { o.aor.clear(); }), "give exactly one of --aor and --aors");
  EXPECT_EQ(refusal(Scenario::fetch, [](auto& o) { o.aors_file = "aors.txt"; }),
            "give exactly one of --aor and --aors");
  EXPECT_EQ(refusal(Scenario::fetch, [](auto& o) { o.server.clear(); }), "--server is required");
  EXPECT_EQ(refusal(Scenario::fanout, [](auto& o) {
              o.aor.clear();
              o.aors_file = "aors.txt";
            }),
            "fanout watches one AOR: give it with --aor");
}

TEST(BenchOptions, NumbersMustMakeSense) {
  EXPECT_NE(refusal(Scenario::fetch, [](auto& o) { o.duration_s = 0; }), "");
  EXPECT_NE(refusal(Scenario::fetch, [](auto& o) { o.rate = -1; }), "");
  EXPECT_NE(refusal(Scenario::fetch, [](auto& o) { o.connections = 0; }), "");
  EXPECT_NE(refusal(Scenario::fetch, [](auto& o) { o.timeout_s = 0; }), "");
  EXPECT_EQ(refusal(Scenario::fetch, [](auto& o) { o.rate = 500; }), "");
}

TEST(BenchOptions, ScenarioSpecificOptionsAreRefusedElsewhere) {
  EXPECT_EQ(refusal(Scenario::fetch, [](auto& o) { o.trigger_given = true; }),
            "--trigger is for the fanout scenario only");
  EXPECT_EQ(refusal(Scenario::fetch, [](auto& o) { o.resume = true; }), "--resume is for the handshake scenario only");
  EXPECT_EQ(refusal(Scenario::handshake, [](auto& o) { o.resume = true; }), "");
  EXPECT_EQ(refusal(Scenario::publish, [](auto& o) { o.verify = true; }),
            "--verify is for the fetch and handshake scenarios only");
  EXPECT_EQ(refusal(Scenario::handshake, [](auto& o) { o.verify = true; }), "");
  EXPECT_EQ(refusal(Scenario::fetch, [](auto& o) { o.subscriptions = 5; }),
            "--subscriptions is for the fanout and idle scenarios only");
  EXPECT_EQ(refusal(Scenario::publish, [](auto& o) { o.pipeline = 4; }), "--pipeline is for the fetch scenario only");
  EXPECT_NE(refusal(Scenario::fetch, [](auto& o) {
              o.pipeline = 4;
              o.rate = 100;
            }),
            "");
  EXPECT_EQ(refusal(Scenario::fanout, [](auto& o) { o.rate = 10; }),
            "--rate does not apply to fanout (one trigger per round)");
}

TEST(BenchOptions, SubscriptionsCoverEveryConnection) {
  EXPECT_EQ(refusal(Scenario::idle, [](auto& o) {
              o.connections = 10;
              o.subscriptions = 5;
            }),
            "--subscriptions (5) must be at least --connections (10) for idle");
  EXPECT_EQ(refusal(Scenario::fanout, [](auto& o) {
              o.connections = 100;
              o.subscriptions = 10'000;
            }),
            "");
}

TEST(BenchOptions, PasswordOnlyWhereAPublishIsSent) {
  EXPECT_EQ(refusal(Scenario::publish, [](auto& o) { o.password_stdin = false; }),
            "publish sends authenticated PUBLISH requests: give the password with --password-stdin or --password-file");
  EXPECT_EQ(refusal(Scenario::fanout, [](auto& o) {
              o.password_stdin = false;
              o.password_file = "pw";
            }),
            "");
  EXPECT_EQ(refusal(Scenario::publish, [](auto& o) { o.password_file = "pw"; }),
            "give only one of --password-stdin and --password-file");
  EXPECT_EQ(refusal(Scenario::fetch, [](auto& o) { o.password_stdin = true; }),
            "a password is used by the publish and fanout scenarios only");
}

TEST(OpenFileLimit, DescriptorsFollowTheConnections) {
  BenchOptions o = valid(Scenario::idle);
  o.connections = 10'000;
  EXPECT_GT(descriptors_needed(o), 10'000u);
  EXPECT_LT(descriptors_needed(o), 10'100u);
}

}  // namespace
}  // namespace credsvc::loadgen
