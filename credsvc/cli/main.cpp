// credsvc: the SIP credential and certificate server and its tools.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/admin_command.hpp"
#include "cli/fetch_command.hpp"
#include "cli/one_line.hpp"
#include "cli/publish_command.hpp"
#include "cli/serve_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"credsvc: SIP credential and certificate server (RFC 6072)", "credsvc"};
  app.require_subcommand(1);
  app.set_config("--config", "", "read options from a TOML or INI file ([serve] and [admin] sections)");
  // A misspelt or misplaced key must not be ignored silently.
  app.allow_config_extras(CLI::config_extras_mode::error);
  app.set_version_flag("--version", "credsvc 0.1.0");
  int exit_code = 0;
  credsvc::cli::add_serve_command(app, exit_code);
  credsvc::cli::add_admin_command(app, exit_code);
  credsvc::cli::add_fetch_command(app, exit_code);
  credsvc::cli::add_publish_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;  // usage errors: 2
  } catch (const std::exception& e) {
    std::cerr << "credsvc: error: " << credsvc::cli::one_line(e.what()) << "\n";
    return 1;
  }
  return exit_code;
}
