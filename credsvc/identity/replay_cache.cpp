#include "identity/replay_cache.hpp"

namespace credsvc::identity {

void ReplayCache::purge(time_point now) {
  while (!by_expiry_.empty() && by_expiry_.begin()->first <= now) {
    entries_.erase(by_expiry_.begin()->second);
    by_expiry_.erase(by_expiry_.begin());
  }
}

bool ReplayCache::insert(std::string_view key, time_point expires, time_point now) {
  if (max_entries_ == 0) return true;
  const std::lock_guard lock(mutex_);
  purge(now);
  std::string k(key);
  if (entries_.find(k) != entries_.end()) return false;
  if (entries_.size() >= max_entries_) {
    entries_.erase(by_expiry_.begin()->second);
    by_expiry_.erase(by_expiry_.begin());
  }
  entries_.emplace(k, expires);
  by_expiry_.emplace(expires, std::move(k));
  return true;
}

std::size_t ReplayCache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace credsvc::identity
