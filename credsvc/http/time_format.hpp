// Times as the admin command line and the HTTPS admin API show and accept them.
#pragma once

#include <chrono>
#include <string>

namespace credsvc::http {

// "2026-11-21T13:27:00Z" (UTC, whole seconds).
std::string format_utc(std::chrono::system_clock::time_point t);

// A point in time for filters: "2026-11-21T13:27:00Z", or a span back from
// `now` ("90s", "30m", "24h", "7d"). Throws std::invalid_argument naming the text.
std::chrono::system_clock::time_point parse_since(const std::string& text, std::chrono::system_clock::time_point now);

}  // namespace credsvc::http
