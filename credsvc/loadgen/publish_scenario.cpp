// publish: authenticated PUBLISH cycles for the users of --aor/--aors (RFC
// 3903, RFC 6072 §8.9): each cycle is PUBLISH → 401 → PUBLISH with Digest
// → 2xx, which the server sends only after COMMIT. Each user publishes a
// self-signed certificate made for it at set-up (RFC 6072 §10.6), over and
// over. Closed loop (one cycle per connection at a time) or at --rate.
// Latency: first PUBLISH sent (or due) → 2xx.
#include <chrono>

#include "loadgen/certificate_publication.hpp"
#include "loadgen/publish_exchanges.hpp"
#include "loadgen/request_loop.hpp"
#include "loadgen/scenarios.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

class PublishRun final : public RequestLoop {
 public:
  explicit PublishRun(BenchSession& s) : RequestLoop(s) {}

  asio::awaitable<void> run() {
    s_.start_progress();
    make_credentials();
    co_await run_timed(1);
    s_.result().extras["users"] = s_.aor_count();
  }

  void on_message(SipClientConnection& c, sip::Message& m) override {
    if (!m.is_response()) return;
    auto out = exchanges_.on_response(m, s_.ids(), c.local_address());
    switch (out.kind) {
      case PublishExchanges::Kind::unrelated:
      case PublishExchanges::Kind::pending:
        return;
      case PublishExchanges::Kind::resend:
        c.send(std::move(out.bytes));
        return;
      case PublishExchanges::Kind::done:
        succeeded(out.connection, out.started, Clock::now());
        return;
      case PublishExchanges::Kind::failed:
        failed(out.connection, out.error);
        return;
    }
  }

 private:
  // RFC 6072 §10.6: a fresh P-256 key and self-signed certificate per user.
  void make_credentials() {
    const auto now = std::chrono::system_clock::now();
    for (std::size_t k = 0; k < s_.aor_count(); ++k) {
      const ua::AorParts& aor = s_.aor(k);
      specs_.push_back(fresh_certificate_publication(aor, now));
      logins_.push_back(ua::DigestLogin{aor.user, s_.password()});
      s_.count_setup();
    }
  }

  void issue(std::size_t i, Clock::time_point due) override {
    SipClientConnection* c = conns_.at(i);
    if (c == nullptr) return;
    const std::uint64_t op = next_op();
    const std::size_t user = op % specs_.size();
    conns_.started(i);
    c->send(exchanges_.begin(op, i, specs_[user], logins_[user], s_.ids(), c->local_address(), due));
  }
  std::size_t in_flight() const override { return exchanges_.size(); }
  void expire(Clock::time_point cutoff, const std::function<void(std::uint64_t, std::size_t)>& expired) override {
    exchanges_.expire(cutoff, expired);
  }

  // Filled before the first PUBLISH and never resized: exchanges point into logins_.
  std::vector<ua::PublishSpec> specs_;
  std::vector<ua::DigestLogin> logins_;
  PublishExchanges exchanges_;
};

}  // namespace

asio::awaitable<void> run_publish_scenario(BenchSession& session) {
  PublishRun run(session);
  co_await run.run();
}

}  // namespace credsvc::loadgen
