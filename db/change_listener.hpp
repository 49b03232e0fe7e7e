// Listens on credsvc_changes over a dedicated connection and thread, and
// posts each change to a callback on a given executor.
//
// After the connection is lost (database restart, network), it reconnects
// with capped exponential backoff and then delivers one synthetic
// ChangeKind::resync event: notifications sent while it was away are lost,
// so caches must be flushed.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "db/change_event.hpp"
#include "db/live_query.hpp"

namespace credsvc::db {

struct ListenerOptions {
  std::string conninfo;
  std::chrono::seconds connect_timeout{5};
  std::chrono::milliseconds max_backoff{5000};
  // How long one wait for notifications lasts, hence how soon stop() returns.
  std::chrono::milliseconds poll_interval{200};

  // A `serve` instance: registers in the instances table once listening,
  // refreshes the row every `heartbeat`, removes it on stop(), and answers
  // each live query (credsvc_queries) on its own connection with the counts
  // that `count` gives (called on the listener's thread: it must be
  // thread-safe and quick).
  struct Presence {
    InstanceRecord record;
    std::function<LiveCounts(const std::string& aor)> count;
  };
  std::optional<Presence> presence;
};

class ChangeListener {
 public:
  using Callback = std::function<void(const ChangeEvent&)>;

  // Starts the listening thread at once; connection failures are retried.
  ChangeListener(ListenerOptions options, boost::asio::any_io_executor executor, Callback callback);
  ~ChangeListener();  // stop()
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

  // Ends the thread (within about poll_interval, or connect_timeout when a
  // connection attempt is under way). Events already posted still run.
  void stop();

  // Whether LISTEN is in effect right now.
  bool listening() const noexcept;
  // Waits until LISTEN is in effect; false after `timeout`.
  bool wait_until_listening(std::chrono::milliseconds timeout) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace credsvc::db
