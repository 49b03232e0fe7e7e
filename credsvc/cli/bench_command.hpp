// `credsvc bench SCENARIO`: the load generator (credsvc/loadgen) against a
// running server: fetch, fanout, publish, handshake or idle, for a duration,
// with a progress line on stderr and a summary (or one JSON object) on stdout.
#pragma once

namespace CLI {
class App;
}

namespace credsvc::cli {

// Registers the subcommand; its callback stores the exit code in `exit_code`.
void add_bench_command(CLI::App& app, int& exit_code);

}  // namespace credsvc::cli
