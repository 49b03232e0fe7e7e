// Process-wide logging: text or JSON lines on stderr, with a level.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace credsvc::cli {

struct LoggingOptions {
  std::string level = "info";    // trace, debug, info, warn, error, off
  std::string format = "text";   // text | json
};

void add_logging_options(CLI::App& cmd, LoggingOptions& options);
// Throws std::invalid_argument naming a bad level or format.
void setup_logging(const LoggingOptions& options);

}  // namespace credsvc::cli
