// What every scenario runs on: the single-threaded io_context, the TLS
// client context, where the server is, request ids, the result being filled,
// the optional NOTIFY verifier and server probe, the progress line, and
// helpers to open connections and wait. Internal to the load generator.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "loadgen/bench_result.hpp"
#include "loadgen/bench_run.hpp"
#include "loadgen/client_tls.hpp"
#include "loadgen/notify_identity_check.hpp"
#include "loadgen/request_ids.hpp"
#include "loadgen/run_schedule.hpp"
#include "loadgen/server_probe.hpp"
#include "loadgen/sip_client_connection.hpp"
#include "loadgen/wakeup.hpp"

namespace credsvc::loadgen {

class BenchSession {
 public:
  // Resolves the server and builds the TLS context; throws std::runtime_error
  // naming the fault.
  explicit BenchSession(const BenchInputs& inputs);
  BenchSession(const BenchSession&) = delete;
  BenchSession& operator=(const BenchSession&) = delete;

  boost::asio::io_context& io() noexcept { return io_; }
  const BenchOptions& options() const noexcept { return inputs_.options; }
  std::chrono::milliseconds timeout() const noexcept;
  // The AOR of operation k: the list, round robin.
  const ua::AorParts& aor(std::uint64_t k) const noexcept { return inputs_.aors[k % inputs_.aors.size()]; }
  std::size_t aor_count() const noexcept { return inputs_.aors.size(); }
  // The password (publish, fanout); throws when there is none.
  const std::string& password() const;
  RequestIds& ids() noexcept { return ids_; }
  BenchResult& result() noexcept { return result_; }
  // With --verify; null otherwise.
  NotifyIdentityCheck* verifier() noexcept { return verifier_.get(); }

  // A connection, or nullptr with the failure counted in the result.
  boost::asio::awaitable<std::shared_ptr<SipClientConnection>> open(SessionSlot* slot = nullptr,
                                                                     ConnectFailure* failure = nullptr);
  // The first connection of a run: its failure ends the run (an unreachable
  // server or a refused certificate is not a measurement).
  boost::asio::awaitable<std::shared_ptr<SipClientConnection>> open_first(SessionSlot* slot = nullptr);

  boost::asio::awaitable<void> sleep_until(Clock::time_point when);
  // Checks `done` at each poke() (and every 10 ms besides) until it holds or
  // `deadline` passes; returns whether it holds. One waiter at a time.
  boost::asio::awaitable<bool> wait_for(const std::function<bool()>& done, Clock::time_point deadline);
  // Something wait_for's condition depends on may have changed.
  void poke() noexcept { wakeup_.notify(); }

  // The server's figures now (with --server-pid).
  std::optional<ServerSample> sample_server() const;
  // Adds the server figures between `before` and now, when probed.
  void add_server_figures_since(const std::optional<ServerSample>& before);

  // The progress line: the phase shown and since when; connections open.
  void set_phase(std::string phase);
  void set_open_connections(std::uint64_t n) noexcept { open_connections_ = n; }
  // Set-up work done (connections, subscriptions), shown in the "setup" phase.
  void count_setup() noexcept { ++setup_done_; }
  void start_progress();

 private:
  boost::asio::awaitable<void> progress_loop();

  const BenchInputs& inputs_;
  // Before io_: handlers still queued at the end hold connections made
  // from this context.
  ClientTls tls_;
  boost::asio::io_context io_;
  Wakeup wakeup_{io_.get_executor()};
  ServerTarget target_;
  RequestIds ids_;
  BenchResult result_;
  std::unique_ptr<NotifyIdentityCheck> verifier_;
  std::optional<ServerProbe> probe_;
  std::string phase_ = "setup";
  Clock::time_point phase_start_ = Clock::now();
  std::uint64_t open_connections_ = 0;
  std::uint64_t setup_done_ = 0;
  bool progress_started_ = false;
};

}  // namespace credsvc::loadgen
