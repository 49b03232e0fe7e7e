// What `credsvc bench` is asked to do: the scenario and its options, as the
// command line gives them, and which combinations make sense. No I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace credsvc::loadgen {

enum class Scenario { fetch, fanout, publish, handshake, idle };

// "fetch", "fanout", ... (the SCENARIO argument); nullopt for anything else.
std::optional<Scenario> parse_scenario(std::string_view name) noexcept;
std::string_view to_string(Scenario scenario) noexcept;
// The SCENARIO values, for the command line's help and validator.
std::vector<std::string> scenario_names();

// fanout: what changes the AOR's state once everyone is subscribed.
enum class FanoutTrigger {
  revoke,   // an empty PUBLISH with Expires: 0 (RFC 6072 §8.9)
  publish,  // a PUBLISH of a fresh certificate
};
std::optional<FanoutTrigger> parse_trigger(std::string_view name) noexcept;
std::string_view to_string(FanoutTrigger trigger) noexcept;

struct BenchOptions {
  Scenario scenario = Scenario::fetch;
  std::string server;     // HOST:PORT
  std::string ca_file;    // PEM trust anchors of the server's TLS (and identity) certificates
  std::string aor;        // --aor
  std::string aors_file;  // --aors: one AOR a line
  unsigned connections = 0;  // 0: the scenario's default
  double duration_s = 10;
  double rate = 0;           // operations per second; 0: as fast as possible
  bool json = false;
  bool quiet = false;
  unsigned subscriptions = 0;  // fanout, idle; 0: the scenario's default
  FanoutTrigger trigger = FanoutTrigger::revoke;
  bool trigger_given = false;
  bool verify = false;         // fetch, handshake: check every NOTIFY's Identity (RFC 6072 §10.3)
  bool resume = false;         // handshake: TLS session resumption
  int server_pid = 0;          // read the server's CPU time and RSS from /proc
  std::string sni;             // TLS server name; default: the (first) AOR's domain
  std::vector<std::string> resolve;  // HOST:PORT:ADDR overrides
  bool password_stdin = false;
  std::string password_file;
  unsigned timeout_s = 10;     // one operation (or one fanout round) may take this long
  unsigned pipeline = 1;       // fetch, closed loop: fetches outstanding per connection
  unsigned expires = 3600;     // fanout, idle: Expires of the held subscriptions
};

// Connections when --connections is not given.
unsigned default_connections(Scenario scenario) noexcept;
// Subscriptions when --subscriptions is not given (fanout: 100; idle: one
// per connection; others: 0).
unsigned default_subscriptions(Scenario scenario, unsigned connections) noexcept;
// The options with the scenario defaults filled in.
BenchOptions with_defaults(BenchOptions options);

// Why the combination cannot run, as one line naming the options
// ("--trigger is for the fanout scenario only"), or an empty string.
// Expects the defaults filled in.
std::string check_options(const BenchOptions& options);

// Whether the scenario needs the user's password (Digest for PUBLISH).
bool needs_password(Scenario scenario) noexcept;

}  // namespace credsvc::loadgen
