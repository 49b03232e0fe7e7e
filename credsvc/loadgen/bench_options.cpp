#include "loadgen/bench_options.hpp"

#include <array>
#include <cmath>
#include <utility>

namespace credsvc::loadgen {
namespace {

constexpr std::array<std::pair<std::string_view, Scenario>, 5> kScenarios{{
    {"fetch", Scenario::fetch},
    {"fanout", Scenario::fanout},
    {"publish", Scenario::publish},
    {"handshake", Scenario::handshake},
    {"idle", Scenario::idle},
}};

}  // namespace

std::optional<Scenario> parse_scenario(std::string_view name) noexcept {
  for (const auto& [text, scenario] : kScenarios) {
    if (text == name) return scenario;
  }
  return std::nullopt;
}

std::string_view to_string(Scenario scenario) noexcept {
  for (const auto& [text, s] : kScenarios) {
    if (s == scenario) return text;
  }
  return "fetch";
}

std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  for (const auto& entry : kScenarios) names.emplace_back(entry.first);
  return names;
}

std::optional<FanoutTrigger> parse_trigger(std::string_view name) noexcept {
  if (name == "revoke") return FanoutTrigger::revoke;
  if (name == "publish") return FanoutTrigger::publish;
  return std::nullopt;
}

std::string_view to_string(FanoutTrigger trigger) noexcept {
  return trigger == FanoutTrigger::publish ? "publish" : "revoke";
}

unsigned default_connections(Scenario scenario) noexcept {
  switch (scenario) {
    case Scenario::fetch:
    case Scenario::publish:
      return 8;
    case Scenario::handshake:
      return 4;
    case Scenario::fanout:
      return 10;
    case Scenario::idle:
      return 100;
  }
  return 8;
}

unsigned default_subscriptions(Scenario scenario, unsigned connections) noexcept {
  switch (scenario) {
    case Scenario::fanout:
      return 100;
    case Scenario::idle:
      return connections;
    default:
      return 0;
  }
}

BenchOptions with_defaults(BenchOptions o) {
  if (o.connections == 0) o.connections = default_connections(o.scenario);
  if (o.subscriptions == 0) o.subscriptions = default_subscriptions(o.scenario, o.connections);
  return o;
}

bool needs_password(Scenario scenario) noexcept {
  return scenario == Scenario::publish || scenario == Scenario::fanout;
}

std::string check_options(const BenchOptions& o) {
  const Scenario s = o.scenario;
  const std::string name(to_string(s));
  if (o.server.empty()) return "--server is required";
  if (o.ca_file.empty()) return "--ca is required";
  if (o.aor.empty() == o.aors_file.empty()) return "give exactly one of --aor and --aors";
  if (s == Scenario::fanout && o.aor.empty()) return "fanout watches one AOR: give it with --aor";
  if (o.connections == 0) return "--connections must be at least 1";
  if (!(o.duration_s > 0) || !std::isfinite(o.duration_s)) return "--duration must be a positive number of seconds";
  if (!(o.rate >= 0) || !std::isfinite(o.rate)) return "--rate must be 0 (as fast as possible) or positive";
  if (o.rate > 0 && s == Scenario::fanout) return "--rate does not apply to fanout (one trigger per round)";
  if (o.timeout_s == 0) return "--timeout must be at least 1 second";
  if (o.pipeline == 0) return "--pipeline must be at least 1";
  if (o.pipeline > 1 && s != Scenario::fetch) return "--pipeline is for the fetch scenario only";
  if (o.pipeline > 1 && o.rate > 0) return "--pipeline applies without --rate only (a paced run sets its own concurrency)";
  if (o.trigger_given && s != Scenario::fanout) return "--trigger is for the fanout scenario only";
  if (o.verify && s != Scenario::fetch && s != Scenario::handshake) {
    return "--verify is for the fetch and handshake scenarios only";
  }
  if (o.resume && s != Scenario::handshake) return "--resume is for the handshake scenario only";
  const bool holds_subscriptions = s == Scenario::fanout || s == Scenario::idle;
  if (o.subscriptions != 0 && !holds_subscriptions) return "--subscriptions is for the fanout and idle scenarios only";
  if (holds_subscriptions && o.subscriptions < o.connections) {
    return "--subscriptions (" + std::to_string(o.subscriptions) + ") must be at least --connections (" +
           std::to_string(o.connections) + ") for " + name;
  }
  if (holds_subscriptions && o.expires == 0) return "--expires must be at least 1 second";
  if (o.password_stdin && !o.password_file.empty()) return "give only one of --password-stdin and --password-file";
  const bool has_password = o.password_stdin || !o.password_file.empty();
  if (needs_password(s) && !has_password) {
    return name + " sends authenticated PUBLISH requests: give the password with --password-stdin or --password-file";
  }
  if (!needs_password(s) && has_password) return "a password is used by the publish and fanout scenarios only";
  if (o.server_pid < 0) return "--server-pid must be a process id";
  return {};
}

}  // namespace credsvc::loadgen
