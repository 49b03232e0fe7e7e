#include "auth/nonce_count_tracker.hpp"

#include <stdexcept>
#include <tuple>

namespace credsvc::auth {
namespace {

// Heterogeneous lookup without building a std::string key.
using KeyView = std::pair<TimePoint, std::string_view>;

}  // namespace

NonceCountTracker::NonceCountTracker(std::size_t capacity, std::chrono::seconds lifetime)
    : capacity_(capacity), lifetime_(lifetime) {
  if (capacity == 0) throw std::invalid_argument("nonce-count: replay cache capacity must be positive");
  if (lifetime.count() <= 0) throw std::invalid_argument("nonce-count: lifetime must be positive");
}

NonceCountVerdict NonceCountTracker::verdict(std::string_view nonce, TimePoint issued, std::uint32_t nc) const {
  const auto it = highest_.find(KeyView(issued, nonce));
  if (it != highest_.end()) return nc > it->second ? NonceCountVerdict::fresh : NonceCountVerdict::replayed;
  return issued <= evicted_up_to_ ? NonceCountVerdict::forgotten : NonceCountVerdict::fresh;
}

NonceCountVerdict NonceCountTracker::peek(std::string_view nonce, TimePoint issued, std::uint32_t nc) const {
  const std::lock_guard lock(mutex_);
  return verdict(nonce, issued, nc);
}

NonceCountVerdict NonceCountTracker::record(std::string_view nonce, TimePoint issued, std::uint32_t nc,
                                            TimePoint now) {
  const std::lock_guard lock(mutex_);
  // Expired nonces are refused as stale before they get here; their entries
  // are dead weight (and forgetting them opens no replay window).
  while (!highest_.empty() && now - highest_.begin()->first.first > lifetime_) {
    highest_.erase(highest_.begin());
  }
  const NonceCountVerdict v = verdict(nonce, issued, nc);
  if (v != NonceCountVerdict::fresh) return v;

  const auto it = highest_.find(KeyView(issued, nonce));
  if (it != highest_.end()) {
    it->second = nc;
    return v;
  }
  if (highest_.size() >= capacity_) {
    // Oldest nonce first; remember how far eviction reached (see header).
    const auto oldest = highest_.begin();
    if (oldest->first.first > evicted_up_to_) evicted_up_to_ = oldest->first.first;
    highest_.erase(oldest);
    if (issued <= evicted_up_to_) return NonceCountVerdict::forgotten;
  }
  highest_.emplace(Key(issued, std::string(nonce)), nc);
  return v;
}

std::size_t NonceCountTracker::size() const {
  const std::lock_guard lock(mutex_);
  return highest_.size();
}

}  // namespace credsvc::auth
