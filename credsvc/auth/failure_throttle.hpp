// Throttling of failed authentication attempts per key (an account or a
// source address). After `max_failures` failures within `window` (counted
// from the first failure of the window), the key is locked out for `lockout`:
// its attempts are refused without checking any password. When the lock-out
// ends the key starts afresh.
//
// Memory is bounded by `capacity` entries. When full, the least recently
// failed key that is not locked out is forgotten first; only when every entry
// is locked out does the lock-out that ends soonest go. So a flood of new keys
// cannot unlock a victim while unlocked entries remain to evict. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/auth_clock.hpp"

namespace credsvc::auth {

class FailureThrottle {
 public:
  struct Limits {
    std::size_t max_failures = 5;
    std::chrono::seconds window{60};
    std::chrono::seconds lockout{60};
    std::size_t capacity = 65536;
  };

  // Throws std::invalid_argument when a limit is zero.
  explicit FailureThrottle(Limits limits);

  // Seconds until the lock-out of `key` ends (rounded up, at least 1), or
  // nullopt when the key may try.
  [[nodiscard]] std::optional<std::chrono::seconds> locked_out(std::string_view key, TimePoint now);
  // Counts a failure; true when it started a lock-out.
  bool record_failure(std::string_view key, TimePoint now);
  // Forgets the key (a successful authentication).
  void clear(std::string_view key);

  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] const Limits& limits() const noexcept { return limits_; }

 private:
  struct Entry {
    std::string key;
    std::size_t failures = 0;
    TimePoint window_start{};
    TimePoint locked_until{};
    bool locked = false;
  };
  using List = std::list<Entry>;

  void erase(List::iterator it);
  void make_room(TimePoint now);

  const Limits limits_;
  mutable std::mutex mutex_;
  List unlocked_;  // most recently failed first
  List locked_;    // most recently locked first, so the back ends soonest
  std::unordered_map<std::string_view, List::iterator> index_;  // views into Entry::key
};

}  // namespace credsvc::auth
