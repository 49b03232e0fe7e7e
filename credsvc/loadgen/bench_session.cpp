#include "loadgen/bench_session.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <iostream>
#include <stdexcept>

#include "loadgen/progress_line.hpp"
#include "ua/client_settings.hpp"
#include "ua/random_token.hpp"
#include "ua/server_address.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

ServerTarget resolve_target(asio::io_context& io, const BenchInputs& in) {
  const ua::HostPort server = ua::parse_host_port(in.options.server);
  const ua::ResolveMap resolve = ua::parse_resolve_specs(in.options.resolve);
  const std::string host = ua::connect_host(server, resolve);
  ServerTarget t;
  t.server_name = in.options.sni.empty() ? in.aors.front().domain : in.options.sni;
  t.peer = server.key();
  tcp::resolver resolver(io);
  boost::system::error_code ec;
  const auto results = resolver.resolve(host, std::to_string(server.port), ec);
  if (ec) throw std::runtime_error("cannot resolve " + host + ": " + ec.message());
  for (const auto& entry : results) t.endpoints.push_back(entry.endpoint());
  if (t.endpoints.empty()) throw std::runtime_error("cannot resolve " + host + ": no address");
  return t;
}

}  // namespace

BenchSession::BenchSession(const BenchInputs& inputs)
    : inputs_(inputs), tls_(inputs.ca_pem), target_(resolve_target(io_, inputs)), ids_(ua::random_hex(6)) {
  result_.scenario = inputs.options.scenario;
  if (inputs.options.server_pid > 0) probe_.emplace(inputs.options.server_pid);
  if (inputs.options.verify) {
    const auto settings = ua::ClientSettings::make(inputs.aors.front().canonical, inputs.options.server,
                                                   inputs.options.resolve, inputs.ca_pem,
                                                   std::chrono::seconds(inputs.options.timeout_s));
    verifier_ = std::make_unique<NotifyIdentityCheck>(settings);
  }
}

std::chrono::milliseconds BenchSession::timeout() const noexcept {
  return std::chrono::milliseconds(std::chrono::seconds(inputs_.options.timeout_s));
}

const std::string& BenchSession::password() const {
  if (!inputs_.password) throw std::logic_error("this scenario needs the password");
  return *inputs_.password;
}

asio::awaitable<std::shared_ptr<SipClientConnection>> BenchSession::open(SessionSlot* slot,
                                                                         ConnectFailure* failure) {
  ConnectFailure f;
  auto c = co_await SipClientConnection::open(io_, tls_, target_, timeout(), slot, f);
  if (!c) {
    result_.count_error(f.kind);
    if (failure != nullptr) *failure = std::move(f);
  }
  co_return c;
}

asio::awaitable<std::shared_ptr<SipClientConnection>> BenchSession::open_first(SessionSlot* slot) {
  ConnectFailure f;
  auto c = co_await SipClientConnection::open(io_, tls_, target_, timeout(), slot, f);
  if (!c) throw std::runtime_error(f.message);
  co_return c;
}

asio::awaitable<void> BenchSession::sleep_until(Clock::time_point when) {
  asio::steady_timer timer(io_, when);
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<bool> BenchSession::wait_for(const std::function<bool()>& done, Clock::time_point deadline) {
  while (!done()) {
    const auto now = Clock::now();
    if (now >= deadline) co_return false;
    co_await wakeup_.wait(std::min(deadline, now + std::chrono::milliseconds(10)));
  }
  co_return true;
}

std::optional<ServerSample> BenchSession::sample_server() const {
  if (!probe_) return std::nullopt;
  return probe_->sample();
}

void BenchSession::add_server_figures_since(const std::optional<ServerSample>& before) {
  if (!probe_ || !before) return;
  add_server_figures(result_, *before, probe_->sample());
}

void BenchSession::set_phase(std::string phase) {
  phase_ = std::move(phase);
  phase_start_ = Clock::now();
}

void BenchSession::start_progress() {
  if (!inputs_.progress || progress_started_) return;
  progress_started_ = true;
  asio::co_spawn(io_, progress_loop(), asio::detached);
}

asio::awaitable<void> BenchSession::progress_loop() {
  asio::steady_timer timer(io_);
  auto next = Clock::now();
  // Set-up shows its own count; every other phase the completed operations.
  const auto done = [this] { return phase_ == "setup" ? setup_done_ : result_.completed; };
  std::string last_phase = phase_;
  std::uint64_t last_done = done();
  for (;;) {
    next += std::chrono::seconds(1);
    timer.expires_at(next);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    ProgressSnapshot s;
    s.scenario = result_.scenario;
    s.phase = phase_;
    s.elapsed_s = std::chrono::duration<double>(Clock::now() - phase_start_).count();
    const std::uint64_t now_done = done();
    if (phase_ != last_phase || now_done < last_done) last_done = 0;
    s.completed = now_done;
    s.errors = result_.error_count();
    s.last_second_rate = static_cast<double>(now_done - last_done);
    s.p99_ms = result_.latency.percentile_ms(0.99);
    s.connections = open_connections_;
    last_done = now_done;
    last_phase = phase_;
    std::cerr << format_progress(s) << std::endl;
  }
}

}  // namespace credsvc::loadgen
