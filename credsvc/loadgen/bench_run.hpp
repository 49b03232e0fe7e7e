// `credsvc bench`: runs one scenario against a running server and returns
// what it measured. The public entry of the load generator.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "loadgen/bench_options.hpp"
#include "loadgen/bench_result.hpp"
#include "ua/aor_parts.hpp"

namespace credsvc::loadgen {

// The command line, resolved: files read, secrets taken in.
struct BenchInputs {
  BenchOptions options;             // check_options() passed, defaults filled in
  std::vector<ua::AorParts> aors;   // --aor, or the --aors list
  std::optional<std::string> password;  // publish, fanout
  std::string ca_pem;               // the --ca file
  bool progress = false;            // a progress line on stderr each second
};

// Throws std::runtime_error with one line on a fatal failure: the server
// cannot be resolved or reached, its certificate is refused, --server-pid
// names no process. Failures of single operations are counted in the result.
BenchResult run_bench(const BenchInputs& inputs);

}  // namespace credsvc::loadgen
