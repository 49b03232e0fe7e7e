// The descriptors a `credsvc bench` run needs; the limit itself is
// transport/open_file_limit.hpp.
#pragma once

#include <cstdint>

#include "loadgen/bench_options.hpp"
#include "transport/open_file_limit.hpp"

namespace credsvc::loadgen {

using transport::file_limit_warning;
using transport::FileLimit;
using transport::raise_open_file_limit;

// Descriptors a run needs: its connections at once (handshake: the
// connections in flight), plus a margin for the files and sockets the
// process holds besides.
std::uint64_t descriptors_needed(const BenchOptions& options) noexcept;

}  // namespace credsvc::loadgen
