#include "events/credential_cache.hpp"

#include <boost/asio/bind_executor.hpp>

namespace credsvc::events {

void CredentialCache::get(const std::string& aor, const boost::asio::any_io_executor& on_miss, Reply reply) {
  std::uint64_t generation = 0;
  std::optional<Entry> hit;
  {
    std::lock_guard lock(mutex_);
    if (const auto it = entries_.find(aor); it != entries_.end()) {
      ++stats_.hits;
      hit = it->second;
    } else {
      ++stats_.misses;
      generation = generation_;
    }
  }
  if (hit) {
    reply(nullptr, std::move(*hit));  // outside the lock: the reply may call back in
    return;
  }
  auto answer = [self = shared_from_this(), aor, generation, reply = std::move(reply)](
                    std::exception_ptr error, std::optional<db::Credential> found) {
    if (error) {
      reply(error, nullptr);
      return;
    }
    Entry entry = found ? std::make_shared<const db::Credential>(std::move(*found)) : nullptr;
    self->fill(aor, generation, entry);
    reply(nullptr, std::move(entry));
  };
  if (on_miss) {
    store_.async_get_credential(aor, boost::asio::bind_executor(on_miss, std::move(answer)));
  } else {
    store_.async_get_credential(aor, std::move(answer));
  }
}

void CredentialCache::fill(const std::string& aor, std::uint64_t generation, const Entry& entry) {
  std::lock_guard lock(mutex_);
  if (generation == generation_ && capacity_ > 0) {
    if (entries_.size() >= capacity_) entries_.erase(entries_.begin());
    entries_[aor] = entry;
  }
}

void CredentialCache::invalidate(const std::string& aor) {
  std::lock_guard lock(mutex_);
  ++generation_;
  entries_.erase(aor);
}

void CredentialCache::clear() {
  std::lock_guard lock(mutex_);
  ++generation_;
  entries_.clear();
}

CredentialCache::Stats CredentialCache::stats() const {
  std::lock_guard lock(mutex_);
  Stats s = stats_;
  s.entries = entries_.size();
  return s;
}

}  // namespace credsvc::events
