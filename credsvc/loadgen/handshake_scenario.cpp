// handshake: every fetch on a connection of its own: TCP connect, a full TLS
// handshake (or, with --resume, one resuming the worker's last session, RFC
// 8446 §2.2), SUBSCRIBE Expires: 0 → 2xx + NOTIFY, close. --connections
// workers run side by side (closed loop), or fetches start at --rate with
// at most --connections in flight. Latency: start → NOTIFY received.
#include <algorithm>

#include "loadgen/bench_requests.hpp"
#include "loadgen/scenarios.hpp"
#include "loadgen/subscribe_exchanges.hpp"
#include "loadgen/wakeup.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

class HandshakeRun final : public SipClientConnection::Listener {
 public:
  explicit HandshakeRun(BenchSession& s)
      : s_(s),
        schedule_(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::duration<double>(s.options().duration_s)),
                  s.options().rate) {}

  asio::awaitable<void> run() {
    const BenchOptions& o = s_.options();
    s_.start_progress();
    workers_.resize(o.connections);
    for (auto& w : workers_) w = std::make_unique<Worker>(s_.io().get_executor());
    // A first connection, to fail fast on an unreachable server or a
    // refused certificate (and to have a session to resume).
    {
      auto probe = co_await s_.open_first(o.resume ? &workers_[0]->session : nullptr);
      probe->close();
    }
    const auto before = s_.sample_server();
    s_.set_phase("run");
    start_ = Clock::now();
    end_ = start_ + schedule_.duration();
    if (schedule_.paced()) {
      co_await paced_loop();
    } else {
      for (std::size_t i = 0; i < workers_.size(); ++i) asio::co_spawn(s_.io(), worker_loop(i), asio::detached);
    }
    co_await s_.sleep_until(end_);
    s_.set_phase("drain");
    // A fetch in flight ends within two time limits (connect, then answer);
    // the workers refer to this object, so it waits for all of them.
    while (active_ > 0) co_await s_.wait_for([this] { return active_ == 0; }, Clock::now() + std::chrono::seconds(1));

    BenchResult& r = s_.result();
    r.duration_s = std::chrono::duration<double>(std::max(end_, last_done_) - start_).count();
    r.extras["concurrency"] = o.connections;
    if (schedule_.paced()) r.extras["offered_rate"] = o.rate;
    r.extras["resume"] = o.resume;
    r.extras["resumed"] = resumed_;
    r.extras["full_handshakes"] = full_;
    r.extras["verified"] = s_.verifier() != nullptr;
    s_.add_server_figures_since(before);
  }

  void on_message(SipClientConnection& c, sip::Message& m) override {
    Worker& w = *workers_[c.id()];
    auto out = w.exchanges.on_message(m, Clock::now());
    if (out.kind == SubscribeExchanges::Kind::unrelated) return;
    if (out.is_notify && s_.verifier() != nullptr) {
      std::string failure = s_.verifier()->check(m, s_.aor(out.tag).canonical);
      if (!failure.empty()) w.exchanges.fail(out, *m.call_id(), std::move(failure));
    }
    if (out.kind == SubscribeExchanges::Kind::pending) return;
    if (out.kind == SubscribeExchanges::Kind::done) {
      w.outcome_latency = out.notified - out.started;
      w.outcome_error.clear();
    } else {
      w.outcome_error = out.error;
    }
    w.finished = true;
    w.wakeup.notify();
  }

  void on_closed(SipClientConnection& c, std::string_view) override {
    Worker& w = *workers_[c.id()];
    w.outcome_error = "closed";
    w.finished = true;
    w.wakeup.notify();
  }

 private:
  struct Worker {
    explicit Worker(const asio::any_io_executor& ex) : wakeup(ex) {}
    SessionSlot session;  // --resume: the last session the server gave this worker
    SubscribeExchanges exchanges;
    Wakeup wakeup;
    bool busy = false;
    bool finished = false;
    Clock::duration outcome_latency{};
    std::string outcome_error;
  };

  asio::awaitable<void> worker_loop(std::size_t i) {
    while (Clock::now() < end_) co_await one_fetch(i, Clock::now());
  }

  // One connection, one fetch, on worker i's slot; counted from `due`.
  asio::awaitable<void> one_fetch(std::size_t i, Clock::time_point due) {
    Worker& w = *workers_[i];
    w.busy = true;
    ++active_;
    s_.set_open_connections(active_);
    const std::uint64_t op = next_op_++;
    auto c = co_await s_.open(s_.options().resume ? &w.session : nullptr);
    if (c) {
      (c->resumed() ? resumed_ : full_) += 1;
      w.finished = false;
      c->start(this, i);
      SubscribeWire wire = certificate_subscribe(s_.aor(op), 0, s_.ids(), c->local_address());
      w.exchanges.add(std::move(wire.call_id), op, i, due);
      c->send(std::move(wire.bytes));
      const auto deadline = Clock::now() + s_.timeout();
      while (!w.finished && Clock::now() < deadline) co_await w.wakeup.wait(deadline);
      c->close();
      if (!w.finished) {
        w.exchanges.expire(Clock::time_point::max(), [](std::uint64_t, std::size_t) {});
        s_.result().count_error("timeout");
      } else if (w.outcome_error.empty()) {
        s_.result().latency.record(w.outcome_latency);
        ++s_.result().completed;
        last_done_ = Clock::now();
      } else {
        s_.result().count_error(w.outcome_error);
      }
    }
    w.busy = false;
    --active_;
    s_.set_open_connections(active_);
    s_.poke();
  }

  // Open loop: fetch k starts at start + k/rate on an idle worker.
  asio::awaitable<void> paced_loop() {
    std::uint64_t sent = 0;
    while (sent < schedule_.total()) {
      const std::uint64_t due = schedule_.due_by(Clock::now() - start_);
      for (; sent < due; ++sent) {
        const auto due_at = start_ + std::chrono::duration_cast<Clock::duration>(schedule_.due_at(sent));
        const auto idle = std::find_if(workers_.begin(), workers_.end(), [](const auto& w) { return !w->busy; });
        if (idle == workers_.end()) {
          s_.result().count_error("backlog");
          continue;
        }
        (*idle)->busy = true;  // before it runs: the next pick must not take it
        asio::co_spawn(s_.io(), one_fetch(static_cast<std::size_t>(idle - workers_.begin()), due_at), asio::detached);
      }
      if (sent < schedule_.total()) {
        co_await s_.sleep_until(start_ + std::chrono::duration_cast<Clock::duration>(schedule_.due_at(sent)));
      }
    }
  }

  BenchSession& s_;
  RunSchedule schedule_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::uint64_t next_op_ = 0;
  std::uint64_t active_ = 0;
  std::uint64_t resumed_ = 0;
  std::uint64_t full_ = 0;
  Clock::time_point start_{};
  Clock::time_point end_{};
  Clock::time_point last_done_{};
};

}  // namespace

asio::awaitable<void> run_handshake_scenario(BenchSession& session) {
  HandshakeRun run(session);
  co_await run.run();
}

}  // namespace credsvc::loadgen
