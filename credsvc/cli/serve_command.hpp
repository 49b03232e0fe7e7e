// `credsvc serve`: runs the server on an external PostgreSQL (--db) or on the
// embedded default (a private cluster under --data-dir).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/database_target.hpp"
#include "cli/logging_setup.hpp"
#include "events/event_options.hpp"
#include "uas/uas_core.hpp"

namespace CLI {
class App;
}

namespace credsvc::cli {

struct ServeOptions {
  DatabaseOptions database;
  LoggingOptions logging;
  // Domains this instance serves; empty = every domain in the database. On
  // the embedded default a missing one is created with the local test CA.
  std::vector<std::string> domains;
  std::size_t db_pool_size = 4;
  std::string sip_listen = "0.0.0.0:5061";
  std::string http_listen = "0.0.0.0:8443";
  std::string default_domain;  // TLS for clients without SNI; empty: the first
  unsigned threads = 0;        // I/O threads; 0: one per core
  uas::UasOptions sip;         // transport limits and transaction timers
  std::vector<std::string> client_ca;  // DOMAIN=FILE
  // STIR redirect mode (RFC 8224 signing for SBCs): on when stir_key is set.
  std::string stir_key;   // P-256 PKCS#8 PEM
  std::string stir_x5u;   // https URL of its certificate
  std::string stir_attest = "A";
  std::vector<std::string> stir_trusted_peers;  // IP addresses
  // STIR HTTPS API verification (cli/stir_api_setup.hpp): on with a trust anchor.
  std::string stir_trust_anchor;               // PEM file
  std::vector<std::string> stir_verify_hosts;  // x5u host allow-list
  unsigned stir_max_age = 60;                  // seconds (RFC 8224 §6.2.1)
  bool require_client_cert = false;
  // The HTTPS admin API (cli/admin_api_setup.hpp): client certificates from
  // these CAs are admitted like admin tokens; the web console on or off.
  std::string admin_ca;  // PEM file
  bool console = true;
  // The credential service (RFC 6072): limits and timings of its packages.
  events::EventOptions events;
  // Host (and port) in Identity-Info URLs; empty: each domain's own name and
  // the HTTPS port actually listened on.
  std::string identity_info_host;
  unsigned identity_info_port = 0;
  unsigned cert_expiry_warning_days = 30;
};

// Runs the server until SIGINT or SIGTERM; returns the exit code.
int run_serve(ServeOptions options);

// Registers the subcommand; its callback runs `run` (normally run_serve) and
// stores the exit code in `exit_code`.
void add_serve_command(CLI::App& app, int& exit_code, std::function<int(ServeOptions)> run);

}  // namespace credsvc::cli
