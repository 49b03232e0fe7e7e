// The open-file limit (RLIMIT_NOFILE): each connection is a descriptor, so
// the generator raises its soft limit as far as the hard limit allows and
// says so when even that is too low for the run.
#pragma once

#include <cstdint>
#include <string>

#include "loadgen/bench_options.hpp"

namespace credsvc::loadgen {

struct FileLimit {
  std::uint64_t soft = 0;
  std::uint64_t hard = 0;
};

// Raises the soft limit to the hard limit; returns the limits now in force.
// Throws std::runtime_error when they cannot be read.
FileLimit raise_open_file_limit();

// Descriptors a run needs: its connections at once (handshake: the
// connections in flight), plus a margin for the files and sockets the
// process holds besides.
std::uint64_t descriptors_needed(const BenchOptions& options) noexcept;

// The warning for stderr when `limit.soft` is below `needed`, naming both and
// the hard limit; empty when the limit suffices. No I/O.
std::string file_limit_warning(const FileLimit& limit, std::uint64_t needed);

}  // namespace credsvc::loadgen
