#include "db/change_listener.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <mutex>
#include <pqxx/connection>
#include <pqxx/errorhandler>
#include <pqxx/except>
#include <pqxx/notification>
#include <thread>

#include "db/conninfo.hpp"

namespace credsvc::db {
namespace {

constexpr std::chrono::milliseconds initial_backoff{100};

// Hands each payload on `channel` to the listener.
class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& conn, std::string_view channel, std::function<void(const std::string&)> on_payload)
      : pqxx::notification_receiver(conn, std::string(channel)), on_payload_(std::move(on_payload)) {}

  void operator()(const std::string& payload, int /*backend_pid*/) override { on_payload_(payload); }

 private:
  std::function<void(const std::string&)> on_payload_;
};

}  // namespace

class ChangeListener::Impl {
 public:
  Impl(ListenerOptions options, boost::asio::any_io_executor executor, Callback callback)
      : conninfo_(with_connect_timeout(options.conninfo, options.connect_timeout)),
        max_backoff_(std::max(options.max_backoff, initial_backoff)),
        poll_interval_(std::max(options.poll_interval, std::chrono::milliseconds(1))),
        presence_(std::move(options.presence)),
        executor_(std::move(executor)),
        callback_(std::move(callback)),
        thread_([this] { run(); }) {}

  ~Impl() { stop(); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  bool listening() const noexcept { return listening_.load(); }

  bool wait_until_listening(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return listening_.load() || stopping_; }) &&
           listening_.load();
  }

 private:
  // Connection, error handler and receiver, torn down in reverse order.
  struct Session {
    std::unique_ptr<pqxx::connection> conn;
    std::unique_ptr<pqxx::quiet_errorhandler> quiet;
    std::unique_ptr<Receiver> receiver;
    std::unique_ptr<Receiver> queries;

    ~Session() {
      queries.reset();
      receiver.reset();
      quiet.reset();
      conn.reset();
    }
  };

  void run() {
    std::chrono::milliseconds backoff = initial_backoff;
    bool ever_connected = false;
    while (!stop_requested()) {
      std::unique_ptr<Session> session;
      try {
        session = std::make_unique<Session>();
        session->conn = std::make_unique<pqxx::connection>(conninfo_);
        session->quiet = std::make_unique<pqxx::quiet_errorhandler>(*session->conn);
        // Registering the receiver issues LISTEN.
        session->receiver = std::make_unique<Receiver>(*session->conn, change_channel,
                                                       [this](const std::string& payload) { deliver(payload); });
        if (presence_) {
          session->queries = std::make_unique<Receiver>(
              *session->conn, live_query_channel,
              [this, conn = session->conn.get()](const std::string& payload) { answer(*conn, payload); });
        }
      } catch (const std::exception&) {
        session.reset();
        wait_for_stop(backoff);
        backoff = std::min(backoff * 2, max_backoff_);
        continue;
      }
      backoff = initial_backoff;
      set_listening(true);
      if (ever_connected) post(ChangeEvent{ChangeKind::resync, {}, {}});
      ever_connected = true;
      const auto poll_us = std::chrono::duration_cast<std::chrono::microseconds>(poll_interval_).count();
      try {
        auto next_heartbeat = std::chrono::steady_clock::now();
        while (!stop_requested()) {
          if (presence_ && std::chrono::steady_clock::now() >= next_heartbeat) {
            heartbeat(*session->conn);
            next_heartbeat = std::chrono::steady_clock::now() + presence_->record.heartbeat;
          }
          session->conn->await_notification(static_cast<long>(poll_us / 1000000), static_cast<long>(poll_us % 1000000));
          if (!session->conn->is_open()) break;
        }
        if (presence_ && session->conn->is_open()) unregister_instance(*session->conn, presence_->record.id);
      } catch (const std::exception&) {
        // Connection lost: reconnect below.
      }
      set_listening(false);
      session.reset();
    }
  }

  void deliver(const std::string& payload) {
    if (auto event = parse_change_payload(payload)) post(std::move(*event));
  }

  // On the listener's thread, inside await_notification: the answer goes out
  // on the same connection, no pool or transaction involved. A broken
  // connection propagates and ends the session.
  void answer(pqxx::connection_base& conn, const std::string& payload) {
    const auto query = parse_live_query(payload);
    if (!query) return;
    const LiveCounts counts = presence_->count(query->aor);
    const auto& r = presence_->record;
    try {
      answer_live_query(conn, *query, InstanceCounts{r.id, r.host, r.pid, counts.certificate, counts.credential});
    } catch (const pqxx::sql_error&) {
    }
  }

  // Registers (again) or refreshes this instance. A broken connection ends
  // the session as any other loss; an SQL error (a database without
  // migration 004) only leaves the instance unregistered.
  void heartbeat(pqxx::connection_base& conn) {
    try {
      register_instance(conn, presence_->record);
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const pqxx::sql_error&) {
    }
  }

  void post(ChangeEvent event) {
    boost::asio::post(executor_, [callback = callback_, event = std::move(event)] { callback(event); });
  }

  bool stop_requested() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  void wait_for_stop(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, d, [this] { return stopping_; });
  }

  void set_listening(bool on) {
    {
      std::lock_guard lock(mutex_);
      listening_.store(on);
    }
    changed_.notify_all();
  }

  const std::string conninfo_;
  const std::chrono::milliseconds max_backoff_;
  const std::chrono::milliseconds poll_interval_;
  const std::optional<ListenerOptions::Presence> presence_;
  boost::asio::any_io_executor executor_;
  Callback callback_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool stopping_ = false;
  std::atomic<bool> listening_{false};
  std::thread thread_;  // last: starts once everything above exists
};

ChangeListener::ChangeListener(ListenerOptions options, boost::asio::any_io_executor executor, Callback callback)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(executor), std::move(callback))) {}

ChangeListener::~ChangeListener() = default;

void ChangeListener::stop() { impl_->stop(); }

bool ChangeListener::listening() const noexcept { return impl_->listening(); }

bool ChangeListener::wait_until_listening(std::chrono::milliseconds timeout) const {
  return impl_->wait_until_listening(timeout);
}

}  // namespace credsvc::db
