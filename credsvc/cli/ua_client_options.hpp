// What `credsvc fetch` and `credsvc publish` share: the AOR, the server, its
// trust anchors, --resolve overrides, the per-step timeout and logging; and
// how a failure of either becomes one line naming the AOR.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/logging_setup.hpp"
#include "ua/client_settings.hpp"

namespace CLI {
class App;
}

namespace credsvc::cli {

struct UaClientOptions {
  std::string aor;
  std::string server;
  std::string ca;
  std::vector<std::string> resolve;
  unsigned timeout = 10;
  LoggingOptions logging{"warn", "text"};
};

// AOR (positional), --server, --ca (described by `ca_help`), --resolve,
// --timeout and the logging flags.
void add_ua_client_options(CLI::App& cmd, UaClientOptions& options, const std::string& ca_help);

// The connection settings those options describe (reads the --ca file).
ua::ClientSettings make_client_settings(const UaClientOptions& options);

// Sets up logging and runs `command`; any failure is rethrown as one line
// "AOR: cause", which main prints as `credsvc: error: …`.
int run_ua_command(const UaClientOptions& options, const std::function<int()>& command);

}  // namespace credsvc::cli
