// fanout: S certificate subscriptions to one AOR held over C connections;
// then a change of the AOR's state, made by a PUBLISH on a connection of its
// own (--trigger revoke: an empty PUBLISH with Expires: 0, RFC 6072 §8.9 — a
// revocation, never delayed by the server's NOTIFY rate limit, §7.11;
// --trigger publish: a fresh certificate), timed until every subscriber has
// its signed NOTIFY. Rounds repeat until --duration has passed (revoke
// rounds first publish a new certificate, unmeasured, and wait until every
// subscriber has it: the server's --notify-interval applies to that).
// Latency: trigger sent → each subscriber's NOTIFY.
#include <algorithm>
#include <boost/json/array.hpp>
#include <stdexcept>

#include "loadgen/certificate_publication.hpp"
#include "loadgen/held_subscriptions.hpp"
#include "loadgen/publish_exchanges.hpp"
#include "loadgen/scenarios.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

// Connections being set up at once.
constexpr std::size_t kSetupConcurrency = 50;

class FanoutRun final : public SipClientConnection::Listener {
 public:
  explicit FanoutRun(BenchSession& s)
      : s_(s),
        target_(s.aor(0)),
        login_{target_.user, s.password()},
        held_(s, s.options().connections, s.options().subscriptions, s.options().expires) {}
  ~FanoutRun() override {
    if (control_) control_->close();  // no listener call may outlive this object
  }
  FanoutRun(const FanoutRun&) = delete;
  FanoutRun& operator=(const FanoutRun&) = delete;

  asio::awaitable<void> run() {
    const BenchOptions& o = s_.options();
    s_.start_progress();
    control_ = co_await s_.open_first();
    control_->start(this, 0);
    // Something to revoke, and the state every subscriber starts from.
    co_await publish_or_throw(false);

    got_.assign(o.subscriptions, false);
    held_.on_later_notify([this](std::size_t j, const sip::Message& m, Clock::time_point at) { on_change(j, m, at); });
    co_await held_.establish(kSetupConcurrency, 0);
    if (held_.active_count() == 0) {
      throw std::runtime_error("fanout: no subscription to " + target_.canonical + " could be established (" +
                               error_summary() + ")");
    }

    BenchResult& r = s_.result();
    boost::json::array rounds_ms;
    double cpu_s = 0;
    bool probed = false;
    double total_s = 0;
    double max_ms = 0;
    const auto run_end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(o.duration_s));
    for (unsigned round = 1;; ++round) {
      if (round > 1 && o.trigger == FanoutTrigger::revoke) {
        // Re-arm: a certificate again, delivered to everyone, not measured.
        s_.set_phase("re-arm " + std::to_string(round));
        co_await trigger_and_collect(false, false);
      }
      s_.set_phase("round " + std::to_string(round));
      const auto before = s_.sample_server();
      const double ms = co_await trigger_and_collect(o.trigger == FanoutTrigger::revoke, true);
      if (const auto after = s_.sample_server(); before && after) {
        cpu_s += after->cpu_s - before->cpu_s;
        probed = true;
        r.extras["rss_bytes"] = after->rss_bytes;
      }
      rounds_ms.push_back(rounded(ms));
      total_s += ms / 1000.0;
      max_ms = std::max(max_ms, ms);
      if (Clock::now() >= run_end) break;
    }

    r.duration_s = total_s;
    r.extras["subscriptions"] = held_.active_count();
    r.extras["connections"] = held_.open_connections();
    r.extras["trigger"] = to_string(o.trigger);
    r.extras["rounds"] = rounds_ms.size();
    r.extras["fanout_ms"] = std::move(rounds_ms);
    r.extras["fanout_ms_max"] = rounded(max_ms);
    r.extras["trigger_ms_max"] = rounded(trigger_ms_max_);
    if (probed) {
      r.extras["server_cpu_s"] = rounded(cpu_s);
      r.extras["per_server_cpu_s"] = cpu_s > 0 ? rounded(static_cast<double>(r.completed) / cpu_s, 1) : 0.0;
    }
    held_.close_all();
    control_->close();
  }

  // The control connection: answers to our PUBLISHes.
  void on_message(SipClientConnection& c, sip::Message& m) override {
    if (!m.is_response()) return;
    auto out = publishes_.on_response(m, s_.ids(), c.local_address());
    if (out.kind == PublishExchanges::Kind::resend) {
      c.send(std::move(out.bytes));
    } else if (out.kind == PublishExchanges::Kind::done || out.kind == PublishExchanges::Kind::failed) {
      publish_error_ = out.error;
      publish_finished_ = Clock::now();
      publish_done_ = true;
      s_.poke();
    }
  }

  void on_closed(SipClientConnection&, std::string_view reason) override {
    throw_on_publish_ = "fanout: the trigger connection ended (" + std::string(reason) + ")";
    publish_done_ = true;
    publish_error_ = "closed";
    s_.poke();
  }

 private:
  // A NOTIFY after the subscription was established: the change, when it
  // says what the round expects (no certificate after a revocation).
  void on_change(std::size_t j, const sip::Message& m, Clock::time_point at) {
    if (!collecting_ || got_[j]) return;
    if (m.body().empty() != expect_empty_) return;  // not (yet) the state this round waits for
    got_[j] = true;
    ++received_;
    last_arrival_ = at;
    if (measuring_) {
      s_.result().latency.record(at - trigger_sent_);
      ++s_.result().completed;
    }
    if (received_ >= expected_) s_.poke();
  }

  // Sends the trigger and waits until every active subscriber has its NOTIFY
  // or the time limit passes; returns trigger → last NOTIFY in ms.
  asio::awaitable<double> trigger_and_collect(bool revoke, bool measure) {
    std::fill(got_.begin(), got_.end(), false);
    received_ = 0;
    expected_ = held_.active_count();
    expect_empty_ = revoke;
    measuring_ = measure;
    collecting_ = true;
    trigger_sent_ = Clock::now();
    last_arrival_ = trigger_sent_;
    send_publish(revoke);
    const auto deadline = trigger_sent_ + s_.timeout();
    co_await s_.wait_for([this] { return publish_done_ && received_ >= expected_; }, deadline);
    collecting_ = false;
    if (!publish_done_ || !publish_error_.empty()) {
      throw std::runtime_error(throw_on_publish_.empty()
                                   ? "fanout: the trigger PUBLISH for " + target_.canonical + " failed (" +
                                         (publish_done_ ? publish_error_ : std::string("no answer")) + ")"
                                   : throw_on_publish_);
    }
    trigger_ms_max_ = std::max(trigger_ms_max_,
                               std::chrono::duration<double, std::milli>(publish_finished_ - trigger_sent_).count());
    if (received_ < expected_ && measure) s_.result().count_error("missing_notify", expected_ - received_);
    co_return std::chrono::duration<double, std::milli>(last_arrival_ - trigger_sent_).count();
  }

  asio::awaitable<void> publish_or_throw(bool revoke) {
    send_publish(revoke);
    co_await s_.wait_for([this] { return publish_done_; }, Clock::now() + s_.timeout());
    if (!publish_done_ || !publish_error_.empty()) {
      throw std::runtime_error("fanout: PUBLISH for " + target_.canonical + " failed (" +
                               (publish_done_ ? publish_error_ : std::string("no answer")) + ")");
    }
  }

  // A fresh key each time: a revoked key can never be published again.
  void send_publish(bool revoke) {
    ua::PublishSpec spec;
    if (revoke) {
      spec = ua::revoke_spec(target_);
    } else {
      spec = fresh_certificate_publication(target_, std::chrono::system_clock::now());
    }
    publish_done_ = false;
    publish_error_.clear();
    control_->send(publishes_.begin(++publish_count_, 0, spec, login_, s_.ids(), control_->local_address(),
                                    Clock::now()));
  }

  std::string error_summary() const {
    std::string s;
    for (const auto& [kind, count] : s_.result().errors) {
      s += (s.empty() ? "" : ", ") + kind + " " + std::to_string(count);
    }
    return s.empty() ? "no answer" : s;
  }

  BenchSession& s_;
  const ua::AorParts& target_;
  ua::DigestLogin login_;
  HeldSubscriptions held_;
  std::shared_ptr<SipClientConnection> control_;
  PublishExchanges publishes_;
  std::uint64_t publish_count_ = 0;
  bool publish_done_ = false;
  std::string publish_error_;
  std::string throw_on_publish_;
  Clock::time_point publish_finished_{};
  double trigger_ms_max_ = 0;

  std::vector<bool> got_;
  std::size_t received_ = 0;
  std::size_t expected_ = 0;
  bool expect_empty_ = false;
  bool measuring_ = false;
  bool collecting_ = false;
  Clock::time_point trigger_sent_{};
  Clock::time_point last_arrival_{};
};

}  // namespace

asio::awaitable<void> run_fanout_scenario(BenchSession& session) {
  FanoutRun run(session);
  co_await run.run();
}

}  // namespace credsvc::loadgen
