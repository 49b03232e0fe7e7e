#include "loadgen/request_loop.hpp"

#include <algorithm>
#include <chrono>

#include "loadgen/run_phases.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

namespace {

// A paced run piles no more than this on one connection; beyond it the
// server is not keeping up and further operations are counted as "backlog".
constexpr std::size_t kMaxInflightPerConnection = 1000;

}  // namespace

RequestLoop::RequestLoop(BenchSession& s)
    : s_(s),
      schedule_(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(s.options().duration_s)),
                s.options().rate) {}

asio::awaitable<void> RequestLoop::run_timed(unsigned per_connection) {
  const BenchOptions& o = s_.options();
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
      for (unsigned p = 0; p < per_connection; ++p) issue(i, Clock::now());
    }
    co_await run_closed_loop(s_, end_, sweep);
  }
  running_ = false;
  s_.set_phase("drain");
  co_await drain(s_, [this] { return in_flight(); }, sweep);
  expire(Clock::time_point::max(), [this](std::uint64_t, std::size_t) { s_.result().count_error("timeout"); });

  BenchResult& r = s_.result();
  r.duration_s = std::chrono::duration<double>(std::max(end_, last_done_) - start_).count();
  r.extras["connections"] = conns_.open_count();
  if (schedule_.paced()) r.extras["offered_rate"] = o.rate;
  s_.add_server_figures_since(before);
  conns_.close_all();
}

void RequestLoop::on_closed(SipClientConnection& c, std::string_view) {
  s_.result().count_error("closed");
  conns_.lost(c.id());
  s_.set_open_connections(conns_.open_count());
}

void RequestLoop::succeeded(std::size_t connection, Clock::time_point started, Clock::time_point ended) {
  s_.result().latency.record(ended - started);
  ++s_.result().completed;
  last_done_ = Clock::now();
  finished(connection);
}

void RequestLoop::failed(std::size_t connection, const std::string& error) {
  s_.result().count_error(error);
  finished(connection);
}

void RequestLoop::finished(std::size_t connection) {
  conns_.finished(connection);
  s_.poke();
  if (running_ && !schedule_.paced() && Clock::now() < end_) issue(connection, Clock::now());
}

void RequestLoop::sweep() {
  expire(Clock::now() - s_.timeout(), [this](std::uint64_t, std::size_t i) { failed(i, "timeout"); });
}

}  // namespace credsvc::loadgen
