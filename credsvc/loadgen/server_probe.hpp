// --server-pid: the server's CPU time and resident memory, read from
// /proc/PID/stat and /proc/PID/status (Linux) before and after a run, so
// results can be put per server CPU-second.
#pragma once

#include "loadgen/server_figures.hpp"

namespace credsvc::loadgen {

class ServerProbe {
 public:
  // Throws std::runtime_error("--server-pid N: no such process (...)") when
  // the files cannot be read or parsed.
  explicit ServerProbe(int pid);
  [[nodiscard]] ServerSample sample() const;
  [[nodiscard]] int pid() const noexcept { return pid_; }

 private:
  int pid_;
  double seconds_per_tick_;
};

}  // namespace credsvc::loadgen
