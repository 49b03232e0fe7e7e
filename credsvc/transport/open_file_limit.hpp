// The open-file limit (RLIMIT_NOFILE): each TLS connection is a descriptor,
// so `serve` and `bench` raise their soft limit as far as the hard limit
// allows and say so when even that is too low for what they are set to hold.
#pragma once

#include <cstdint>
#include <string>

namespace credsvc::transport {

struct FileLimit {
  std::uint64_t soft = 0;
  std::uint64_t hard = 0;
};

// Raises the soft limit to the hard limit; returns the limits now in force.
// Throws std::runtime_error when they cannot be read.
FileLimit raise_open_file_limit();

// The warning when `limit.soft` is below `needed`, naming both and the hard
// limit; empty when the limit suffices. No I/O.
std::string file_limit_warning(const FileLimit& limit, std::uint64_t needed);

}  // namespace credsvc::transport
