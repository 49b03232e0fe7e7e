// What every `credsvc admin` subcommand shares: its parsed options, one
// database session per command, and the actor recorded in audit rows.
#pragma once

#include <cstdint>
#include <string>

#include "cli/database_target.hpp"
#include "cli/logging_setup.hpp"
#include "db/store.hpp"

namespace credsvc::cli {

struct AdminOptions {
  DatabaseOptions database;
  LoggingOptions logging{"warn", "text"};
  bool json = false;
  // domain add
  std::string name;
  std::string realm;
  std::string tls_cert, tls_key, identity_cert, identity_key;
  bool force = false;
  // users and credentials
  std::string aor;
  std::string domain_filter;
  bool password_stdin = false;
  std::string reason;
  std::string since;       // audit: an RFC 3339 UTC time or a duration ("24h", "7d")
  std::size_t limit = 100;  // audit rows
  // show: how long to wait for every running instance's live subscriber counts; 0 skips them
  std::uint32_t live_wait_ms = 2000;
};

// "admin:cli:<login name>".
std::string admin_actor();

// Opens the database (starting the embedded cluster if need be) for one command.
struct AdminSession {
  explicit AdminSession(const AdminOptions& o);
  DatabaseTarget target;
  db::Store store;
};

}  // namespace credsvc::cli
