// The `credsvc` command line: the application with every subcommand, built
// the same way for the process's start and for a SIGHUP, when `serve` reads
// its command line and --config file again to apply what can change live.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace credsvc::cli {

struct ServeOptions;
using ServeRunner = std::function<int(ServeOptions)>;

// `run_serve` runs when the serve subcommand is chosen (normally cli::run_serve).
std::unique_ptr<CLI::App> make_app(int& exit_code, ServeRunner run_serve);

// Remembers the arguments the process was started with (main does this).
void remember_command_line(int argc, char** argv);

// The serve options from the remembered command line and its --config file,
// parsed afresh. Throws std::runtime_error naming the fault (a bad value, an
// unreadable file) or when the command line was not a `serve`.
ServeOptions reparse_serve_options();

}  // namespace credsvc::cli
