// The two figures the generator reads about the server process from Linux's
// /proc (proc(5)): its CPU time and its resident memory. Parsing only: the
// caller reads the files.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace credsvc::loadgen {

// /proc/PID/stat: utime + stime (fields 14 and 15) in clock ticks, all
// threads together. The command name (field 2) may hold spaces and ')', so
// fields are counted from the last ')'. nullopt when malformed.
std::optional<std::uint64_t> cpu_ticks_from_stat(std::string_view stat);

// /proc/PID/status: the "VmRSS:  1234 kB" line, in bytes. nullopt when absent.
std::optional<std::uint64_t> rss_bytes_from_status(std::string_view status);

}  // namespace credsvc::loadgen
