#include "cli/ua_client_options.hpp"

#include <CLI/CLI.hpp>
#include <stdexcept>

#include "certs/file_io.hpp"
#include "cli/one_line.hpp"
#include "ua/argument_checks.hpp"

namespace credsvc::cli {

void add_ua_client_options(CLI::App& cmd, UaClientOptions& o, const std::string& ca_help) {
  cmd.add_option("AOR", o.aor, "address-of-record (user@domain, sip: or sips:)")
      ->required()
      ->check(CLI::Validator(ua::check_aor_argument, "AOR"));
  cmd.add_option("--server", o.server, "credential service HOST:PORT (SIP over TLS)")
      ->required()
      ->check(CLI::Validator(ua::check_server_argument, "HOST:PORT"));
  cmd.add_option("--ca", o.ca, ca_help)->required()->check(CLI::ExistingFile);
  cmd.add_option("--resolve", o.resolve, "HOST:PORT:ADDR: connect to ADDR for HOST:PORT (repeatable)")
      ->check(CLI::Validator(ua::check_resolve_argument, "HOST:PORT:ADDR"));
  cmd.add_option("--timeout", o.timeout, "seconds to wait for each step")
      ->check(CLI::Range(1u, 3600u))
      ->capture_default_str();
  add_logging_options(cmd, o.logging);
}

ua::ClientSettings make_client_settings(const UaClientOptions& o) {
  return ua::ClientSettings::make(o.aor, o.server, o.resolve, certs::read_text_file(o.ca),
                                  std::chrono::seconds(o.timeout));
}

int run_ua_command(const UaClientOptions& o, const std::function<int()>& command) {
  setup_logging(o.logging);
  try {
    return command();
  } catch (const std::exception& e) {
    throw std::runtime_error(o.aor + ": " + one_line(e.what()));
  }
}

}  // namespace credsvc::cli
