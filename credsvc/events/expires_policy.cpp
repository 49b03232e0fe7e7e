#include "events/expires_policy.hpp"

#include <algorithm>
#include <limits>

namespace credsvc::events {

ExpiresDecision decide_expires(std::optional<std::uint32_t> requested, const ExpiresBounds& bounds,
                               std::optional<std::uint32_t> cap) noexcept {
  ExpiresDecision d;
  const std::uint32_t wanted = requested.value_or(bounds.fallback);
  if (wanted == 0) return d;  // a fetch (RFC 6665 §4.4.3) or a removal (RFC 3903 §4.5)
  if (wanted < bounds.minimum) {
    d.too_brief = true;
    return d;
  }
  d.granted = std::min(wanted, bounds.maximum);
  if (cap) d.granted = std::min(d.granted, *cap);
  return d;
}

std::uint32_t seconds_until(std::chrono::system_clock::time_point until,
                            std::chrono::system_clock::time_point now) noexcept {
  if (until <= now) return 0;
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(until - now).count();
  return static_cast<std::uint32_t>(std::min<long long>(s, std::numeric_limits<std::uint32_t>::max()));
}

}  // namespace credsvc::events
