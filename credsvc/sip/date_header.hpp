#pragma once
// Date = rfc1123-date, GMT only (RFC 3261 §20.17, §25.1); other zones are
// malformed (RFC 4475 baddate).

#include <chrono>
#include <string>
#include <string_view>

#include "sip/result.hpp"

namespace credsvc::sip {

Result<std::chrono::system_clock::time_point> parse_date(std::string_view value);
// "Sat, 13 Nov 2010 23:29:00 GMT" (seconds precision).
std::string format_date(std::chrono::system_clock::time_point when);

}  // namespace credsvc::sip
