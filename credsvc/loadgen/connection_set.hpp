// The long-lived connections of the fetch and publish scenarios: opened at
// set-up (the first one's failure ends the run, later ones are counted),
// picked round robin for paced operations, with a count of operations in
// flight on each.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <memory>
#include <vector>

#include "loadgen/bench_session.hpp"
#include "loadgen/sip_client_connection.hpp"

namespace credsvc::loadgen {

class ConnectionSet {
 public:
  ConnectionSet() = default;
  ~ConnectionSet() { close_all(); }  // no listener call may outlive the owner
  ConnectionSet(const ConnectionSet&) = delete;
  ConnectionSet& operator=(const ConnectionSet&) = delete;

  // Opens `n` connections one after the other and starts each with
  // `listener`, tagged with its index.
  boost::asio::awaitable<void> open(BenchSession& session, std::size_t n, SipClientConnection::Listener* listener);

  [[nodiscard]] std::size_t size() const noexcept { return slots_.size(); }
  [[nodiscard]] std::size_t open_count() const noexcept { return open_; }
  // Connection i, or null once it has closed.
  [[nodiscard]] SipClientConnection* at(std::size_t i) const noexcept;
  [[nodiscard]] std::size_t inflight(std::size_t i) const noexcept { return slots_[i].inflight; }
  void started(std::size_t i) noexcept { ++slots_[i].inflight; }
  void finished(std::size_t i) noexcept;

  // The next open connection, round robin, or nullopt when none is left:
  // then the error kind is "no_connection"; when it has `max_inflight`
  // operations already, "backlog".
  struct Pick {
    std::size_t index = 0;
    const char* error = nullptr;  // set when nothing can be picked
  };
  Pick pick(std::size_t max_inflight) noexcept;

  // The connection ended by itself.
  void lost(std::size_t i) noexcept;
  void close_all() noexcept;

 private:
  struct Slot {
    std::shared_ptr<SipClientConnection> conn;
    std::size_t inflight = 0;
  };
  std::vector<Slot> slots_;
  std::size_t open_ = 0;
  std::size_t next_ = 0;
};

}  // namespace credsvc::loadgen
