#include "txn/server_transactions.hpp"

namespace credsvc::txn {

ServerTransactions::Begin ServerTransactions::begin(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it != entries_.end()) {
    if (!it->second.answered) return {Disposition::in_progress, {}};
    if (now - it->second.answered_at <= options_.linger) return {Disposition::answered, it->second.response};
    entries_.erase(it);  // expired: a new transaction with a reused branch
  }
  if (entries_.size() >= options_.max_transactions) return {Disposition::overloaded, {}};
  entries_.emplace(key, Entry{});
  return {Disposition::fresh, {}};
}

void ServerTransactions::complete(const std::string& key, std::string response, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto& e = entries_[key];
  e.answered = true;
  e.response = std::move(response);
  e.answered_at = now;
}

std::size_t ServerTransactions::purge(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.answered && now - it->second.answered_at > options_.linger) {
      it = entries_.erase(it);
      ++n;
    } else {
      ++it;
    }
  }
  return n;
}

std::size_t ServerTransactions::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace credsvc::txn
