#include "auth/failure_throttle.hpp"

#include <iterator>
#include <stdexcept>

namespace credsvc::auth {

FailureThrottle::FailureThrottle(Limits limits) : limits_(limits) {
  if (limits.max_failures == 0 || limits.capacity == 0 || limits.window.count() <= 0 ||
      limits.lockout.count() <= 0) {
    throw std::invalid_argument("throttle: failures, window, lock-out and capacity must be positive");
  }
}

void FailureThrottle::erase(List::iterator it) {
  index_.erase(std::string_view(it->key));
  (it->locked ? locked_ : unlocked_).erase(it);
}

void FailureThrottle::make_room(TimePoint now) {
  while (!locked_.empty() && locked_.back().locked_until <= now) erase(std::prev(locked_.end()));
  while (index_.size() >= limits_.capacity) {
    erase(std::prev(unlocked_.empty() ? locked_.end() : unlocked_.end()));
  }
}

std::optional<std::chrono::seconds> FailureThrottle::locked_out(std::string_view key, TimePoint now) {
  const std::lock_guard lock(mutex_);
  const auto found = index_.find(key);
  if (found == index_.end()) return std::nullopt;
  const auto it = found->second;
  if (!it->locked) return std::nullopt;
  if (it->locked_until <= now) {
    erase(it);  // the lock-out is over: start afresh
    return std::nullopt;
  }
  const auto left = std::chrono::ceil<std::chrono::seconds>(it->locked_until - now);
  return left.count() < 1 ? std::chrono::seconds(1) : left;
}

bool FailureThrottle::record_failure(std::string_view key, TimePoint now) {
  const std::lock_guard lock(mutex_);
  auto found = index_.find(key);
  if (found != index_.end() && found->second->locked) {
    // A request that raced past locked_out(): the lock-out stands as it is.
    if (found->second->locked_until > now) return false;
    erase(found->second);
    found = index_.end();
  }
  List::iterator it;
  if (found == index_.end()) {
    make_room(now);
    unlocked_.push_front(Entry{std::string(key), 0, now, {}, false});
    it = unlocked_.begin();
    index_.emplace(std::string_view(it->key), it);
  } else {
    it = found->second;
    unlocked_.splice(unlocked_.begin(), unlocked_, it);
    if (now - it->window_start >= limits_.window) {
      it->failures = 0;
      it->window_start = now;
    }
  }
  if (++it->failures < limits_.max_failures) return false;
  it->locked = true;
  it->locked_until = now + limits_.lockout;
  locked_.splice(locked_.begin(), unlocked_, it);
  return true;
}

void FailureThrottle::clear(std::string_view key) {
  const std::lock_guard lock(mutex_);
  const auto found = index_.find(key);
  if (found != index_.end()) erase(found->second);
}

std::size_t FailureThrottle::size() const {
  const std::lock_guard lock(mutex_);
  return index_.size();
}

}  // namespace credsvc::auth
