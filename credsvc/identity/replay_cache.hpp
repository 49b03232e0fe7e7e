#pragma once
// Requests already verified, so a captured signed request cannot be played
// again while its Date is still fresh (RFC 4474 §13.1). Thread-safe; bounded.

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace credsvc::identity {

class ReplayCache {
 public:
  using time_point = std::chrono::system_clock::time_point;

  explicit ReplayCache(std::size_t max_entries) : max_entries_(max_entries) {}

  // Records `key` until `expires` unless it is already recorded and not yet
  // expired at `now`; returns false in that case (a replay). Expired entries
  // are dropped first; when the cache is still full, the entry closest to
  // expiry makes room (under a flood, protection shrinks to the most recent
  // `max_entries` requests rather than refusing everyone).
  bool insert(std::string_view key, time_point expires, time_point now);

  [[nodiscard]] std::size_t size() const;

 private:
  void purge(time_point now);

  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, time_point> entries_;
  std::multimap<time_point, std::string> by_expiry_;
};

}  // namespace credsvc::identity
