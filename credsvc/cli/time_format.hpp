#pragma once

#include <chrono>
#include <string>

namespace credsvc::cli {

// "2026-11-21T13:27:00Z" (UTC, whole seconds).
std::string format_utc(std::chrono::system_clock::time_point t);

}  // namespace credsvc::cli
