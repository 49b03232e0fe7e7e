#pragma once
// Headers whose value is a number: Expires, Min-Expires (delta-seconds),
// Max-Forwards, Content-Length, Retry-After (RFC 3261 §20.19, §20.23, §20.22,
// §20.14, §20.33).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sip/params.hpp"
#include "sip/result.hpp"

namespace credsvc::sip {

// delta-seconds = 1*DIGIT, at most 2**32-1 (larger values are malformed:
// RFC 4475 scalar02 lets the element reject them).
Result<std::uint32_t> parse_delta_seconds(std::string_view value);
// 0-255 (RFC 3261 §20.22).
Result<std::uint32_t> parse_max_forwards(std::string_view value);
// Content-Length: 1*DIGIT, no sign.
Result<std::uint64_t> parse_content_length(std::string_view value);

struct RetryAfter {
  std::uint32_t seconds = 0;
  std::string comment;                     // without the parentheses
  std::optional<std::uint32_t> duration;   // ;duration=
  Params params;                           // every parameter, duration included
};
Result<RetryAfter> parse_retry_after(std::string_view value);

}  // namespace credsvc::sip
