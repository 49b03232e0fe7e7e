// idle: C connections, each with its subscriptions (one by default) to the
// AORs of --aor/--aors, opened a few at a time (or at --rate connections
// per second) and then held for --duration, pinged (RFC 5626 §4.4.1) so the
// server does not close them as idle. With --server-pid: the server's RSS
// before, once everything is held, and the bytes each connection costs.
// Completed: connections with all their subscriptions; latency: connect
// started → its last subscription's first NOTIFY.
#include <unistd.h>

#include <algorithm>

#include "loadgen/held_subscriptions.hpp"
#include "loadgen/scenarios.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

constexpr std::size_t kSetupConcurrency = 50;
// Well inside the server's default --idle-timeout (300 s).
constexpr auto kKeepAliveInterval = std::chrono::seconds(60);

class IdleRun {
 public:
  explicit IdleRun(BenchSession& s)
      : s_(s), held_(s, s.options().connections, s.options().subscriptions, s.options().expires) {}

  asio::awaitable<void> run() {
    const BenchOptions& o = s_.options();
    s_.start_progress();
    const auto before = s_.sample_server();
    const auto setup_start = Clock::now();
    co_await held_.establish(o.rate > 0 ? o.connections : kSetupConcurrency, o.rate);
    const auto setup_end = Clock::now();

    BenchResult& r = s_.result();
    r.completed = held_.ready_connections();
    r.latency.merge(held_.connection_setup());
    r.duration_s = std::chrono::duration<double>(setup_end - setup_start).count();
    const auto held_sample = s_.sample_server();

    s_.set_phase("hold");
    const auto hold_end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(o.duration_s));
    auto next_ping = Clock::now() + kKeepAliveInterval;
    while (Clock::now() < hold_end) {
      co_await s_.sleep_until(std::min(hold_end, next_ping));
      if (Clock::now() >= next_ping) {
        held_.send_keepalives();
        next_ping += kKeepAliveInterval;
      }
    }
    const auto end_sample = s_.sample_server();

    r.extras["connections"] = held_.ready_connections();
    r.extras["open_at_end"] = held_.open_connections();
    r.extras["subscriptions"] = held_.active_count();
    r.extras["hold_s"] = rounded(o.duration_s);
    if (before && held_sample && end_sample) {
      r.extras["rss_before_bytes"] = before->rss_bytes;
      r.extras["rss_bytes"] = held_sample->rss_bytes;
      r.extras["rss_end_bytes"] = end_sample->rss_bytes;
      const auto grown = held_sample->rss_bytes > before->rss_bytes ? held_sample->rss_bytes - before->rss_bytes : 0;
      r.extras["bytes_per_connection"] =
          held_.ready_connections() > 0 ? grown / held_.ready_connections() : std::uint64_t{0};
      r.extras["server_cpu_s_setup"] = rounded(held_sample->cpu_s - before->cpu_s);
      r.extras["server_cpu_s_hold"] = rounded(end_sample->cpu_s - held_sample->cpu_s);
    }
    r.extras["generator_rss_bytes"] = ServerProbe(static_cast<int>(::getpid())).sample().rss_bytes;
    held_.close_all();
  }

 private:
  BenchSession& s_;
  HeldSubscriptions held_;
};

}  // namespace

asio::awaitable<void> run_idle_scenario(BenchSession& session) {
  IdleRun run(session);
  co_await run.run();
}

}  // namespace credsvc::loadgen
