// Published credentials by AOR in memory: the hot read of the certificate
// package. Kept coherent by the change fan-out, which invalidates an AOR
// whenever any instance commits a change to it (PostgreSQL LISTEN/NOTIFY)
// and clears everything after the listener lost notifications.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "db/records.hpp"
#include "db/store.hpp"

namespace credsvc::events {

class CredentialCache : public std::enable_shared_from_this<CredentialCache> {
 public:
  using Entry = std::shared_ptr<const db::Credential>;  // null: nothing published
  using Reply = std::function<void(std::exception_ptr, Entry)>;

  CredentialCache(db::Store& store, std::size_t capacity) : store_(store), capacity_(capacity) {}

  // `reply` runs at once on a hit, else on `on_miss` once the store has
  // answered (the connection's strand: the NOTIFY is then signed on an I/O
  // thread, not on a pool thread that database work waits for; an empty
  // executor: on the store's thread). The cache
  // must be owned by a shared_ptr: a read still queued keeps it alive.
  void get(const std::string& aor, const boost::asio::any_io_executor& on_miss, Reply reply);
  void invalidate(const std::string& aor);
  void clear();

  struct Stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::size_t entries = 0;
  };
  Stats stats() const;

 private:
  void fill(const std::string& aor, std::uint64_t generation, const Entry& entry);

  db::Store& store_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  // Bumped by every invalidation: a read that started before one must not
  // fill the cache with what it saw.
  std::uint64_t generation_ = 0;
  std::unordered_map<std::string, Entry> entries_;
  Stats stats_;
};

}  // namespace credsvc::events
