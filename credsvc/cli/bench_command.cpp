#include "cli/bench_command.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "certs/error.hpp"
#include "certs/file_io.hpp"
#include "cli/logging_setup.hpp"
#include "cli/one_line.hpp"
#include "loadgen/aor_list.hpp"
#include "loadgen/bench_run.hpp"
#include "loadgen/open_file_limit.hpp"
#include "ua/argument_checks.hpp"
#include "ua/secret_input.hpp"

namespace credsvc::cli {
namespace lg = credsvc::loadgen;

namespace {

struct BenchCommandOptions {
  std::string scenario;
  std::string trigger = "revoke";
  lg::BenchOptions bench;
};

std::string read_text(const std::string& path) {
  try {
    return certs::read_text_file(path);
  } catch (const certs::Error& e) {
    throw std::runtime_error(e.what());
  }
}

// The first line of the file: a password file holds nothing else.
std::string password_from_file(const std::string& path) {
  std::string text = read_text(path);
  text = text.substr(0, text.find('\n'));
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.empty()) throw std::runtime_error("--password-file " + path + ": empty first line");
  return text;
}

lg::BenchInputs make_inputs(const lg::BenchOptions& o) {
  lg::BenchInputs in;
  in.options = o;
  in.ca_pem = read_text(o.ca_file);
  if (!o.aor.empty()) {
    in.aors.push_back(ua::parse_aor(o.aor));
  } else {
    try {
      in.aors = lg::parse_aor_list(read_text(o.aors_file));
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("--aors " + o.aors_file + ": " + e.what());
    }
  }
  if (o.password_stdin) in.password = ua::read_secret_lines(std::cin, {"password"}).front();
  if (!o.password_file.empty()) in.password = password_from_file(o.password_file);
  in.progress = !o.quiet && ::isatty(STDERR_FILENO) == 1;
  return in;
}

int run(const lg::BenchOptions& o) {
  setup_logging(LoggingOptions{"warn", "text"});
  const std::string name(lg::to_string(o.scenario));
  lg::BenchResult result;
  try {
    const lg::BenchInputs inputs = make_inputs(o);
    // Every connection is a descriptor: as many as the system allows.
    const lg::FileLimit limit = lg::raise_open_file_limit();
    if (const std::string warning = lg::file_limit_warning(limit, lg::descriptors_needed(o)); !warning.empty()) {
      std::cerr << "credsvc: warning: " << warning << std::endl;
    }
    result = lg::run_bench(inputs);
  } catch (const std::exception& e) {
    throw std::runtime_error("bench " + name + ": " + one_line(e.what()));
  }
  if (o.json) {
    std::cout << boost::json::serialize(lg::to_json(result)) << std::endl;
  } else {
    std::cout << lg::to_text(result) << std::flush;
  }
  if (result.completed == 0) {
    std::cerr << "credsvc: error: bench " << name << ": nothing completed (" << result.error_count() << " errors)"
              << std::endl;
    return 1;
  }
  return 0;
}

}  // namespace

void add_bench_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<BenchCommandOptions>();
  lg::BenchOptions& b = o->bench;
  auto* cmd = app.add_subcommand("bench", "Load generator: drive a running server over TLS and measure it");
  cmd->add_option("SCENARIO", o->scenario, "fetch, fanout, publish, handshake or idle")
      ->required()
      ->check(CLI::IsMember(lg::scenario_names()));
  cmd->add_option("--server", b.server, "credential service HOST:PORT (SIP over TLS)")
      ->required()
      ->check(CLI::Validator(ua::check_server_argument, "HOST:PORT"));
  cmd->add_option("--ca", b.ca_file, "PEM trust anchors for the server's TLS (and identity) certificates")
      ->required()
      ->check(CLI::ExistingFile);
  auto* aor = cmd->add_option("--aor", b.aor, "the address-of-record to fetch, watch or publish")
                  ->check(CLI::Validator(ua::check_aor_argument, "AOR"));
  auto* aors = cmd->add_option("--aors", b.aors_file, "file of AORs, one a line, used round robin")
                   ->check(CLI::ExistingFile);
  aor->excludes(aors);
  cmd->add_option("--connections", b.connections,
                  "connections (handshake: in flight at once); default fetch/publish 8, handshake 4, fanout 10, idle 100")
      ->check(CLI::Range(1u, 1'000'000u));
  cmd->add_option("--duration", b.duration_s, "seconds to run (idle: to hold; fanout: rounds until then)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--rate", b.rate, "operations per second, open loop (idle: connections per second); 0: as fast as possible")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", b.json, "print one JSON object (scenario, completed, errors, throughput, latency_ms, ...)");
  cmd->add_flag("--quiet", b.quiet, "no progress line on stderr");
  cmd->add_option("--subscriptions", b.subscriptions, "fanout, idle: subscriptions in all, spread over the connections")
      ->check(CLI::Range(1u, 10'000'000u));
  auto* trigger = cmd->add_option("--trigger", o->trigger, "fanout: revoke (empty PUBLISH) or publish (a new certificate)")
                      ->check(CLI::IsMember({"revoke", "publish"}))
                      ->capture_default_str();
  cmd->add_flag("--verify", b.verify, "fetch, handshake: verify every NOTIFY's Identity and certificate (RFC 6072 §10.3)");
  cmd->add_flag("--resume", b.resume, "handshake: resume the previous TLS session");
  cmd->add_option("--server-pid", b.server_pid, "the server's process id: report its CPU seconds and RSS from /proc")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--sni", b.sni, "TLS server name (default: the domain of the first AOR)");
  cmd->add_option("--resolve", b.resolve, "HOST:PORT:ADDR: connect to ADDR for HOST:PORT (repeatable)")
      ->check(CLI::Validator(ua::check_resolve_argument, "HOST:PORT:ADDR"));
  cmd->add_flag("--password-stdin", b.password_stdin, "publish, fanout: read the users' password from standard input");
  cmd->add_option("--password-file", b.password_file, "publish, fanout: the users' password, first line of this file")
      ->check(CLI::ExistingFile);
  cmd->add_option("--timeout", b.timeout_s, "seconds one operation (or one fanout round) may take")
      ->capture_default_str()
      ->check(CLI::Range(1u, 3600u));
  cmd->add_option("--pipeline", b.pipeline, "fetch without --rate: fetches outstanding per connection")
      ->capture_default_str()
      ->check(CLI::Range(1u, 10'000u));
  cmd->add_option("--expires", b.expires, "fanout, idle: Expires of the held subscriptions")
      ->capture_default_str()
      ->check(CLI::Range(1u, 604'800u));
  cmd->callback([o, trigger, &exit_code] {
    lg::BenchOptions bench = o->bench;
    bench.scenario = *lg::parse_scenario(o->scenario);
    bench.trigger = *lg::parse_trigger(o->trigger);
    bench.trigger_given = trigger->count() > 0;
    bench = lg::with_defaults(bench);
    if (const std::string why = lg::check_options(bench); !why.empty()) throw CLI::ValidationError("bench", why);
    exit_code = run(bench);
  });
}

}  // namespace credsvc::cli
