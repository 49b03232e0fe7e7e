// The limits and timings of the two event packages and of PUBLISH; every one
// is a `serve` flag.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace credsvc::events {

// Expires bounds in seconds for one kind of request: below `minimum` (and
// not 0) → 423 with Min-Expires; above `maximum` → granted `maximum`.
struct ExpiresBounds {
  std::uint32_t minimum = 60;
  std::uint32_t fallback = 86'400;  // when the request has no Expires
  std::uint32_t maximum = 7 * 86'400;
};

struct EventOptions {
  ExpiresBounds certificate{60, 86'400, 7 * 86'400};  // RFC 6072 §7: default one day
  ExpiresBounds credential{60, 86'400, 7 * 86'400};   // and never beyond the certificate's notAfter
  ExpiresBounds publication{60, 86'400, 365 * 86'400};
  // RFC 6072 §7.11/§8.13: at most one NOTIFY for changes per this interval.
  std::chrono::milliseconds notify_interval{60'000};
  std::size_t max_subscriptions = 100'000;
  std::size_t max_subscriptions_per_connection = 100;
  std::size_t max_subscriptions_per_aor = 1'000;
  // Publications are checked for expiry this often.
  std::chrono::milliseconds expiry_sweep{5'000};
  // A PUBLISH body larger than this is refused with 413.
  std::size_t max_publication_size = 64 * 1024;
  // Credentials kept in memory for the certificate package.
  std::size_t cache_entries = 100'000;
};

}  // namespace credsvc::events
