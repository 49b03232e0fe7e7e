// Shared fixture and helpers of the db integration tests: each test gets a
// fresh database on the real PostgreSQL cluster of the test harness, with
// the migrations applied.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "db/change_event.hpp"
#include "db/migrations.hpp"
#include "db/records.hpp"
#include "db/store.hpp"
#include "test_postgres.hpp"

namespace credsvc::db::test {

using namespace std::chrono_literals;

// Whole microseconds: what the database stores.
inline TimePoint micros_now() {
  return TimePoint(std::chrono::floor<std::chrono::microseconds>(Clock::now().time_since_epoch()));
}

// Deterministic pseudo-random bytes that always contain a zero byte, so a
// bytea round trip proves the data is handled as binary, not C strings.
inline Bytes test_bytes(std::size_t n, unsigned seed) {
  Bytes out(n);
  std::uint32_t x = seed * 2654435761u + 1;
  for (auto& b : out) {
    x = x * 1103515245u + 12345u;
    b = static_cast<std::uint8_t>(x >> 16);
  }
  if (n > 2) out[n / 2] = 0;
  if (n > 0) out[0] = 0x30;
  return out;
}

inline std::string test_hex(std::size_t digits, unsigned seed) {
  static const char* xdigits = "0123456789abcdef";
  std::string out;
  const auto bytes = test_bytes(digits, seed + 7);
  for (std::size_t i = 0; i < digits; ++i) out += xdigits[bytes[i] & 0xf];
  return out;
}

inline DigestHa1 test_ha1(unsigned seed) { return {test_hex(32, seed), test_hex(64, seed + 1), test_hex(64, seed + 2)}; }

inline Domain test_domain(const std::string& name) {
  Domain d;
  d.name = name;
  d.realm = name;
  return d;
}

inline User test_user(const std::string& aor, unsigned seed = 1) {
  User u;
  u.aor = aor;
  u.ha1 = test_ha1(seed);
  return u;
}

inline Credential test_credential(const std::string& aor, unsigned seed) {
  const auto now = micros_now();
  Credential c;
  c.aor = aor;
  c.certificate_der = test_bytes(700 + seed, seed);
  c.pkcs8_der = test_bytes(300 + seed, seed + 1000);
  c.spki_sha256 = test_hex(64, seed + 2000);
  c.not_before = now - 1h;
  c.not_after = now + 24h * 365;
  c.etag = "etag-" + std::to_string(seed);
  c.publication_expires = now + 1h;
  return c;
}

// An io_context served by its own thread until destroyed.
class IoThread {
 public:
  IoThread() : guard_(boost::asio::make_work_guard(ctx_)), thread_([this] { ctx_.run(); }) {}
  // Runs what is still queued, then ends: declare stores and listeners after
  // their IoThread so they are gone first.
  ~IoThread() {
    guard_.reset();
    thread_.join();
  }
  IoThread(const IoThread&) = delete;
  IoThread& operator=(const IoThread&) = delete;

  boost::asio::io_context& context() { return ctx_; }
  std::thread::id thread_id() const { return thread_.get_id(); }

 private:
  boost::asio::io_context ctx_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::thread thread_;
};

// Collects change events from a listener callback, for waiting on them.
class EventLog {
 public:
  void add(const ChangeEvent& e) {
    {
      std::lock_guard lock(mutex_);
      events_.push_back(e);
    }
    cv_.notify_all();
  }
  // Waits until some event satisfies `pred`; returns it as found.
  bool wait_for(const std::function<bool(const ChangeEvent&)>& pred, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] {
      for (const auto& e : events_) {
        if (pred(e)) return true;
      }
      return false;
    });
  }
  std::vector<ChangeEvent> snapshot() {
    std::lock_guard lock(mutex_);
    return events_;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    events_.clear();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<ChangeEvent> events_;
};

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = credsvc::testing::fresh_database();
    apply_migrations(conninfo_);
  }

  StoreOptions store_options(std::size_t pool_size = 2) const {
    StoreOptions o;
    o.conninfo = conninfo_;
    o.pool_size = pool_size;
    o.connect_timeout = 2s;
    o.max_backoff = 300ms;
    return o;
  }

  ListenerOptions listener_options() const {
    ListenerOptions o;
    o.conninfo = conninfo_;
    o.connect_timeout = 2s;
    o.max_backoff = 300ms;
    o.poll_interval = 50ms;
    return o;
  }

  // A direct connection for checking what the database really holds.
  std::int64_t count(const std::string& sql) {
    pqxx::connection conn(conninfo_);
    pqxx::nontransaction tx(conn);
    return tx.exec1(sql)[0].as<std::int64_t>();
  }

  std::string conninfo_;
};

}  // namespace credsvc::db::test
