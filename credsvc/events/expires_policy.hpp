// RFC 6665 §4.2.1.1 and RFC 3903 §6: the Expires a notifier or ESC grants.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "events/event_options.hpp"

namespace credsvc::events {

struct ExpiresDecision {
  bool too_brief = false;   // → 423 Interval Too Brief with Min-Expires: bounds.minimum
  std::uint32_t granted = 0;
};

// `requested`: the request's Expires (nullopt when absent). `cap`: a further
// upper bound (seconds until the certificate's notAfter), applied last; a cap
// below the minimum is granted as it is, since the certificate decides.
ExpiresDecision decide_expires(std::optional<std::uint32_t> requested, const ExpiresBounds& bounds,
                               std::optional<std::uint32_t> cap = std::nullopt) noexcept;

// Whole seconds from `now` to `until`, 0 when past, saturated to 32 bits.
std::uint32_t seconds_until(std::chrono::system_clock::time_point until,
                            std::chrono::system_clock::time_point now) noexcept;

}  // namespace credsvc::events
