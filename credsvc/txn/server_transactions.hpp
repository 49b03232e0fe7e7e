// Non-INVITE server transactions (RFC 3261 §17.2.2) over a reliable
// transport: a request that arrives again (a retransmission, or a resend on a
// new connection) while the first is being processed is absorbed, and once
// answered it gets the same final response again, for `linger` after the
// answer (Timer J's 64*T1).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace credsvc::txn {

struct ServerTransactionOptions {
  std::chrono::milliseconds linger{32'000};  // 64 × T1
  std::size_t max_transactions = 100'000;    // beyond this new requests get 503
};

class ServerTransactions {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Disposition {
    fresh,        // a new transaction: process the request
    in_progress,  // the same request is being processed: absorb this copy
    answered,     // the same request was answered: send `response` again
    overloaded,   // the table is full: answer 503
  };
  struct Begin {
    Disposition disposition;
    std::string response;  // the final response, when answered
  };

  explicit ServerTransactions(ServerTransactionOptions options = {}) : options_(options) {}

  Begin begin(const std::string& key, Clock::time_point now);
  // Records the final response of a transaction begun as fresh.
  void complete(const std::string& key, std::string response, Clock::time_point now);
  // Drops answered transactions older than `linger`; returns how many.
  std::size_t purge(Clock::time_point now);
  std::size_t size() const;

 private:
  struct Entry {
    bool answered = false;
    std::string response;
    Clock::time_point answered_at;
  };
  ServerTransactionOptions options_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace credsvc::txn
