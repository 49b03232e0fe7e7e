#include "cli/command_line.hpp"

#include <CLI/CLI.hpp>
#include <mutex>

#include "cli/admin_command.hpp"
#include "cli/bench_command.hpp"
#include "cli/fetch_command.hpp"
#include "cli/publish_command.hpp"
#include "cli/serve_command.hpp"

namespace credsvc::cli {
namespace {

std::mutex args_mutex;
std::vector<std::string> remembered_args;  // without argv[0], in CLI11's reversed order

}  // namespace

std::unique_ptr<CLI::App> make_app(int& exit_code, ServeRunner run_serve) {
  auto app = std::make_unique<CLI::App>("credsvc: SIP credential and certificate server (RFC 6072)", "credsvc");
  app->require_subcommand(1);
  app->set_config("--config", "", "read options from a TOML or INI file ([serve] and [admin] sections)");
  // A misspelt or misplaced key must not be ignored silently.
  app->allow_config_extras(CLI::config_extras_mode::error);
  app->set_version_flag("--version", "credsvc 0.1.0");
  add_serve_command(*app, exit_code, std::move(run_serve));
  add_admin_command(*app, exit_code);
  add_fetch_command(*app, exit_code);
  add_publish_command(*app, exit_code);
  add_bench_command(*app, exit_code);
  return app;
}

void remember_command_line(int argc, char** argv) {
  std::lock_guard lock(args_mutex);
  remembered_args.clear();
  // CLI::App::parse(std::vector<std::string>&) takes the arguments last first.
  for (int i = argc - 1; i >= 1; --i) remembered_args.emplace_back(argv[i]);
}

ServeOptions reparse_serve_options() {
  std::vector<std::string> args;
  {
    std::lock_guard lock(args_mutex);
    args = remembered_args;
  }
  std::optional<ServeOptions> parsed;
  int ignored = 0;
  auto app = make_app(ignored, [&parsed](ServeOptions o) {
    parsed = std::move(o);
    return 0;
  });
  try {
    app->parse(args);
  } catch (const CLI::ParseError& e) {
    throw std::runtime_error(std::string("configuration: ") + e.what());
  }
  if (!parsed) throw std::runtime_error("configuration: the command line is not a serve command");
  return std::move(*parsed);
}

}  // namespace credsvc::cli
