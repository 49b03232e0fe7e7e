// What the fetch and publish scenarios share: N long-lived connections,
// each operation issued on one of them and finished by the scenario's own
// exchange tracker, run closed loop (every connection keeps
// `per_connection` operations outstanding) or open loop at --rate, then
// drained; what is still outstanding at the end counts as "timeout". A
// scenario supplies how to issue one operation and what its tracker holds.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "loadgen/bench_session.hpp"
#include "loadgen/connection_set.hpp"
#include "loadgen/run_schedule.hpp"
#include "loadgen/sip_client_connection.hpp"

namespace credsvc::loadgen {

class RequestLoop : public SipClientConnection::Listener {
 public:
  void on_closed(SipClientConnection& c, std::string_view) override;

 protected:
  explicit RequestLoop(BenchSession& s);

  // Opens the connections, runs the timed phases and the drain, and fills
  // the result: duration, connections, offered_rate (paced runs) and the
  // server's figures.
  boost::asio::awaitable<void> run_timed(unsigned per_connection);

  // Sends operation `next_op()` on connection i, counted from `due`, and
  // tells conns_ it started (nothing when the connection has closed).
  virtual void issue(std::size_t connection, Clock::time_point due) = 0;
  // Operations outstanding in the scenario's tracker.
  [[nodiscard]] virtual std::size_t in_flight() const = 0;
  // Removes the operations started before `cutoff`, calling `expired(op, connection)` for each.
  virtual void expire(Clock::time_point cutoff, const std::function<void(std::uint64_t, std::size_t)>& expired) = 0;

  // An operation on connection i ended: done (its latency `ended - started`)
  // or failed with `error`. A closed-loop connection issues its next.
  void succeeded(std::size_t connection, Clock::time_point started, Clock::time_point ended);
  void failed(std::size_t connection, const std::string& error);

  std::uint64_t next_op() noexcept { return next_op_++; }

  BenchSession& s_;
  ConnectionSet conns_;

 private:
  void finished(std::size_t connection);
  void sweep();

  RunSchedule schedule_;
  std::uint64_t next_op_ = 0;
  bool running_ = false;
  Clock::time_point start_{};
  Clock::time_point end_{};
  Clock::time_point last_done_{};
};

}  // namespace credsvc::loadgen
