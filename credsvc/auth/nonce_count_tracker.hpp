// Nonce-count replay protection (RFC 7616 §3.4 / RFC 2617 §3.2.2: "the
// server ... can detect request replays by maintaining its own copy of this
// count"). For each nonce the highest nc accepted so far is kept; a request
// whose nc is not greater is a replay.
//
// Memory is bounded: entries are ordered by the nonce's issue time (decoded
// from the nonce itself), entries older than the nonce lifetime are dropped,
// and when the table is full the entry with the oldest nonce is evicted. A
// high-water mark of evicted issue times remembers what was forgotten: a
// nonce absent from the table but issued no later than the mark may have been
// evicted, so it is reported `forgotten` (the caller answers stale=true and
// the UA retries with a fresh nonce) instead of being taken as new. Eviction
// therefore costs extra round trips, never a replay window.
//
// Only requests whose response has been verified are recorded, so an attacker
// without the password cannot fill the table. State is per instance: a
// replay sent to another instance behind a load balancer is not seen here.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "auth/auth_clock.hpp"

namespace credsvc::auth {

enum class NonceCountVerdict {
  fresh,      // nc is greater than any seen for this nonce
  replayed,   // nc was not greater than the highest seen
  forgotten,  // this nonce's entry may have been evicted: refuse (stale) rather than guess
};

class NonceCountTracker {
 public:
  // Throws std::invalid_argument when capacity is 0 or lifetime not positive.
  NonceCountTracker(std::size_t capacity, std::chrono::seconds lifetime);

  // Thread-safe. `issued` is the nonce's issue time (NonceCheck::issued).
  // Checks without recording.
  [[nodiscard]] NonceCountVerdict peek(std::string_view nonce, TimePoint issued, std::uint32_t nc) const;
  // Checks and, when fresh, records nc as the highest for the nonce.
  NonceCountVerdict record(std::string_view nonce, TimePoint issued, std::uint32_t nc, TimePoint now);

  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

 private:
  using Key = std::pair<TimePoint, std::string>;  // ordered by issue time first
  struct KeyLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const noexcept {
      if (a.first != b.first) return a.first < b.first;
      return std::string_view(a.second) < std::string_view(b.second);
    }
  };
  [[nodiscard]] NonceCountVerdict verdict(std::string_view nonce, TimePoint issued, std::uint32_t nc) const;

  const std::size_t capacity_;
  const std::chrono::seconds lifetime_;
  mutable std::mutex mutex_;
  std::map<Key, std::uint32_t, KeyLess> highest_;
  TimePoint evicted_up_to_ = TimePoint::min();
};

}  // namespace credsvc::auth
