// publish: authenticated PUBLISH cycles for the users of --aor/--aors (RFC
// 3903, RFC 6072 §8.9): each cycle is PUBLISH → 401 → PUBLISH with Digest
// → 2xx, which the server sends only after COMMIT. Each user publishes a
// self-signed certificate made for it at set-up (RFC 6072 §10.6), over and
// over. Closed loop (one cycle per connection at a time) or at --rate.
// Latency: first PUBLISH sent (or due) → 2xx.
#include <algorithm>
#include <chrono>

#include "loadgen/connection_set.hpp"
#include "loadgen/publish_exchanges.hpp"
#include "loadgen/run_phases.hpp"
#include "loadgen/scenarios.hpp"
#include "ua/credential_body.hpp"
#include "ua/self_signed_credential.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

// A paced run piles no more than this on one connection ("backlog" beyond).
constexpr std::size_t kMaxInflightPerConnection = 1000;
// Long enough for any run; short enough to lapse soon after.
constexpr std::uint32_t kPublicationExpires = 3600;

class PublishRun final : public SipClientConnection::Listener {
 public:
  explicit PublishRun(BenchSession& s)
      : s_(s),
        schedule_(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::duration<double>(s.options().duration_s)),
                  s.options().rate) {}

  asio::awaitable<void> run() {
    const BenchOptions& o = s_.options();
    s_.start_progress();
    make_credentials();
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
      for (std::size_t i = 0; i < conns_.size(); ++i) issue(i, Clock::now());
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
    r.extras["users"] = s_.aor_count();
    if (schedule_.paced()) r.extras["offered_rate"] = o.rate;
    s_.add_server_figures_since(before);
    conns_.close_all();
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
        s_.result().latency.record(Clock::now() - out.started);
        ++s_.result().completed;
        last_done_ = Clock::now();
        break;
      case PublishExchanges::Kind::failed:
        s_.result().count_error(out.error);
        break;
    }
    finished(out.connection);
  }

  void on_closed(SipClientConnection& c, std::string_view) override {
    s_.result().count_error("closed");
    conns_.lost(c.id());
    s_.set_open_connections(conns_.open_count());
  }

 private:
  // RFC 6072 §10.6: a fresh P-256 key and self-signed certificate per user.
  void make_credentials() {
    const auto now = std::chrono::system_clock::now();
    for (std::size_t k = 0; k < s_.aor_count(); ++k) {
      const ua::AorParts& aor = s_.aor(k);
      ua::SelfSignedRequest request;
      request.aor = aor.canonical;
      request.key_type = ua::GeneratedKeyType::p256;
      request.now = now;
      const ua::SelfSignedCredential made = ua::generate_self_signed(request);
      ua::PublishBody body = ua::make_publish_body(made.certificate, std::nullopt);
      ua::PublishSpec spec;
      spec.aor = aor;
      spec.expires = kPublicationExpires;
      spec.content_type = std::move(body.content_type);
      spec.body = std::move(body.body);
      specs_.push_back(std::move(spec));
      logins_.push_back(ua::DigestLogin{aor.user, s_.password()});
      s_.count_setup();
    }
  }

  void issue(std::size_t i, Clock::time_point due) {
    SipClientConnection* c = conns_.at(i);
    if (c == nullptr) return;
    const std::uint64_t op = next_op_++;
    const std::size_t user = op % specs_.size();
    conns_.started(i);
    c->send(exchanges_.begin(op, i, specs_[user], logins_[user], s_.ids(), c->local_address(), due));
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
  // Filled before the first PUBLISH and never resized: exchanges point into logins_.
  std::vector<ua::PublishSpec> specs_;
  std::vector<ua::DigestLogin> logins_;
  PublishExchanges exchanges_;
  std::uint64_t next_op_ = 0;
  bool running_ = false;
  Clock::time_point start_{};
  Clock::time_point end_{};
  Clock::time_point last_done_{};
};

}  // namespace

asio::awaitable<void> run_publish_scenario(BenchSession& session) {
  PublishRun run(session);
  co_await run.run();
}

}  // namespace credsvc::loadgen
