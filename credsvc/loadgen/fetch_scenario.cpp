// fetch: SUBSCRIBE to the certificate package with Expires: 0 (RFC 6665
// §4.1.2.4) and wait for its 2xx and its NOTIFY (answered 200), over N
// long-lived connections. Closed loop (each connection keeps --pipeline
// fetches outstanding) or open loop at --rate. Latency: SUBSCRIBE sent (or
// due, when paced) → NOTIFY received.
#include <algorithm>

#include "loadgen/bench_requests.hpp"
#include "loadgen/connection_set.hpp"
#include "loadgen/run_phases.hpp"
#include "loadgen/scenarios.hpp"
#include "loadgen/subscribe_exchanges.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

// A paced run piles no more than this on one connection; beyond it the
// server is not keeping up and further fetches are counted as "backlog".
constexpr std::size_t kMaxInflightPerConnection = 1000;

class FetchRun final : public SipClientConnection::Listener {
 public:
  explicit FetchRun(BenchSession& s)
      : s_(s),
        schedule_(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::duration<double>(s.options().duration_s)),
                  s.options().rate) {}

  asio::awaitable<void> run() {
    const BenchOptions& o = s_.options();
    s_.start_progress();
    co_await conns_.open(s_, o.connections, this);

    const auto before = s_.sample_server();
    s_.set_phase("run");
    start_ = Clock::now();
    end_ = start_ + std::chrono::duration_cast<Clock::duration>(schedule_.duration());
    running_ = true;
    const auto sweep = [this] { this->sweep(); };
    if (schedule_.paced()) {
      co_await run_open_loop(
          s_, schedule_, start_,
          [this](Clock::time_point due) {
            const auto pick = conns_.pick(kMaxInflightPerConnection);
            if (pick.error != nullptr) {
              s_.result().count_error(pick.error);
            } else {
              issue(pick.index, due);
            }
          },
          sweep);
    } else {
      for (std::size_t i = 0; i < conns_.size(); ++i) {
        for (unsigned p = 0; p < o.pipeline; ++p) issue(i, Clock::now());
      }
      co_await run_closed_loop(s_, end_, sweep);
    }
    running_ = false;
    s_.set_phase("drain");
    co_await drain(s_, [this] { return exchanges_.size(); }, sweep);
    exchanges_.expire(Clock::time_point::max(),
                      [this](std::uint64_t, std::size_t) { s_.result().count_error("timeout"); });

    BenchResult& r = s_.result();
    r.duration_s = std::chrono::duration<double>(std::max(end_, last_done_) - start_).count();
    r.extras["connections"] = conns_.open_count();
    if (schedule_.paced()) {
      r.extras["offered_rate"] = o.rate;
    } else {
      r.extras["pipeline"] = o.pipeline;
    }
    r.extras["verified"] = s_.verifier() != nullptr;
    s_.add_server_figures_since(before);
    conns_.close_all();
  }

  void on_message(SipClientConnection&, sip::Message& m) override {
    const auto now = Clock::now();
    auto out = exchanges_.on_message(m, now);
    if (out.kind == SubscribeExchanges::Kind::unrelated) return;
    if (out.is_notify && s_.verifier() != nullptr) {
      std::string failure = s_.verifier()->check(m, s_.aor(out.tag).canonical);
      if (!failure.empty()) {
        if (out.kind == SubscribeExchanges::Kind::done) {
          out.kind = SubscribeExchanges::Kind::failed;
          out.error = std::move(failure);
        } else if (out.kind == SubscribeExchanges::Kind::pending) {
          exchanges_.mark_failed(*m.call_id(), std::move(failure));
        }
      }
    }
    if (out.kind == SubscribeExchanges::Kind::pending) return;
    if (out.kind == SubscribeExchanges::Kind::done) {
      s_.result().latency.record(out.notified - out.started);
      ++s_.result().completed;
      last_done_ = now;
    } else {
      s_.result().count_error(out.error);
    }
    finished(out.connection);
  }

  void on_closed(SipClientConnection& c, std::string_view) override {
    s_.result().count_error("closed");
    conns_.lost(c.id());
    s_.set_open_connections(conns_.open_count());
  }

 private:
  // Sends the next fetch on connection i, counted from `due`.
  void issue(std::size_t i, Clock::time_point due) {
    SipClientConnection* c = conns_.at(i);
    if (c == nullptr) return;
    const std::uint64_t op = next_op_++;
    SubscribeWire wire = certificate_subscribe(s_.aor(op), 0, s_.ids(), c->local_address());
    exchanges_.add(std::move(wire.call_id), op, i, due);
    conns_.started(i);
    c->send(std::move(wire.bytes));
  }

  void finished(std::size_t i) {
    conns_.finished(i);
    s_.poke();
    if (running_ && !schedule_.paced() && Clock::now() < end_) issue(i, Clock::now());
  }

  void sweep() {
    exchanges_.expire(Clock::now() - s_.timeout(), [this](std::uint64_t, std::size_t i) {
      s_.result().count_error("timeout");
      finished(i);
    });
  }

  BenchSession& s_;
  RunSchedule schedule_;
  ConnectionSet conns_;
  SubscribeExchanges exchanges_;
  std::uint64_t next_op_ = 0;
  bool running_ = false;
  Clock::time_point start_{};
  Clock::time_point end_{};
  Clock::time_point last_done_{};
};

}  // namespace

asio::awaitable<void> run_fetch_scenario(BenchSession& session) {
  FetchRun run(session);
  co_await run.run();
}

}  // namespace credsvc::loadgen
