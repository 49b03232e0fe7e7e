// credsvc: the SIP credential and certificate server and its tools.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/one_line.hpp"
#include "cli/serve_command.hpp"

int main(int argc, char** argv) {
  int exit_code = 0;
  credsvc::cli::remember_command_line(argc, argv);
  auto app = credsvc::cli::make_app(exit_code, credsvc::cli::run_serve);
  try {
    app->parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app->exit(e);
    return code == 0 ? 0 : 2;  // usage errors: 2
  } catch (const std::exception& e) {
    std::cerr << "credsvc: error: " << credsvc::cli::one_line(e.what()) << "\n";
    return 1;
  }
  return exit_code;
}
