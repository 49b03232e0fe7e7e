// fetch: SUBSCRIBE to the certificate package with Expires: 0 (RFC 6665
// §4.1.2.4) and wait for its 2xx and its NOTIFY (answered 200), over N
// long-lived connections. Closed loop (each connection keeps --pipeline
// fetches outstanding) or open loop at --rate. Latency: SUBSCRIBE sent (or
// due, when paced) → NOTIFY received.
#include "loadgen/bench_requests.hpp"
#include "loadgen/request_loop.hpp"
#include "loadgen/scenarios.hpp"
#include "loadgen/subscribe_exchanges.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

class FetchRun final : public RequestLoop {
 public:
  explicit FetchRun(BenchSession& s) : RequestLoop(s) {}

  asio::awaitable<void> run() {
    s_.start_progress();
    co_await run_timed(s_.options().pipeline);
    BenchResult& r = s_.result();
    if (s_.options().rate <= 0) r.extras["pipeline"] = s_.options().pipeline;
    r.extras["verified"] = s_.verifier() != nullptr;
  }

  void on_message(SipClientConnection&, sip::Message& m) override {
    const auto now = Clock::now();
    auto out = exchanges_.on_message(m, now);
    if (out.kind == SubscribeExchanges::Kind::unrelated) return;
    if (out.is_notify && s_.verifier() != nullptr) {
      std::string failure = s_.verifier()->check(m, s_.aor(out.tag).canonical);
      if (!failure.empty()) exchanges_.fail(out, *m.call_id(), std::move(failure));
    }
    if (out.kind == SubscribeExchanges::Kind::pending) return;
    if (out.kind == SubscribeExchanges::Kind::done) {
      succeeded(out.connection, out.started, out.notified);
    } else {
      failed(out.connection, out.error);
    }
  }

 private:
  void issue(std::size_t i, Clock::time_point due) override {
    SipClientConnection* c = conns_.at(i);
    if (c == nullptr) return;
    const std::uint64_t op = next_op();
    SubscribeWire wire = certificate_subscribe(s_.aor(op), 0, s_.ids(), c->local_address());
    exchanges_.add(std::move(wire.call_id), op, i, due);
    conns_.started(i);
    c->send(std::move(wire.bytes));
  }
  std::size_t in_flight() const override { return exchanges_.size(); }
  void expire(Clock::time_point cutoff, const std::function<void(std::uint64_t, std::size_t)>& expired) override {
    exchanges_.expire(cutoff, expired);
  }

  SubscribeExchanges exchanges_;
};

}  // namespace

asio::awaitable<void> run_fetch_scenario(BenchSession& session) {
  FetchRun run(session);
  co_await run.run();
}

}  // namespace credsvc::loadgen
