#include "loadgen/held_subscriptions.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "loadgen/bench_requests.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

HeldSubscriptions::HeldSubscriptions(BenchSession& s, std::size_t connections, std::size_t subscriptions,
                                     std::uint32_t expires)
    : s_(s), expires_(expires), subs_(subscriptions), conns_(connections) {
  for (std::size_t j = 0; j < subs_.size(); ++j) {
    subs_[j].connection = j % conns_.size();
    conns_[subs_[j].connection].subs.push_back(j);
  }
  for (auto& c : conns_) c.wakeup = std::make_unique<Wakeup>(s.io().get_executor());
}

HeldSubscriptions::~HeldSubscriptions() { close_all(); }

asio::awaitable<void> HeldSubscriptions::establish(std::size_t concurrency, double rate) {
  co_await set_up(0, true);
  const auto start = Clock::now();
  std::size_t next = 1;
  std::size_t workers = std::min(std::max<std::size_t>(concurrency, 1), conns_.size() - 1);
  std::size_t running = workers;
  for (std::size_t w = 0; w < workers; ++w) {
    asio::co_spawn(
        s_.io(),
        [this, &next, &running, start, rate]() -> asio::awaitable<void> {
          while (next < conns_.size()) {
            const std::size_t i = next++;
            if (rate > 0) {
              co_await s_.sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(static_cast<double>(i - 1) / rate)));
            }
            co_await set_up(i, false);
          }
          --running;
          s_.poke();
        },
        asio::detached);
  }
  // The workers refer to locals here: wait for every one of them.
  while (running > 0) co_await s_.wait_for([&running] { return running == 0; }, Clock::now() + std::chrono::seconds(1));
}

asio::awaitable<void> HeldSubscriptions::set_up(std::size_t i, bool first) {
  Conn& c = conns_[i];
  c.started = Clock::now();
  // Two statements, not ?: — g++ 12 destroys a co_await result inside a
  // conditional expression twice.
  if (first) {
    c.conn = co_await s_.open_first();
  } else {
    c.conn = co_await s_.open();
  }
  if (!c.conn) {
    for (const std::size_t j : c.subs) subs_[j].ended = true;
    co_return;
  }
  ++open_;
  s_.set_open_connections(open_);
  c.conn->start(this, i);
  c.pending = c.subs.size();
  for (const std::size_t j : c.subs) {
    SubscribeWire wire = certificate_subscribe(s_.aor(j), expires_, s_.ids(), c.conn->local_address());
    subs_[j].call_id = wire.call_id;
    by_call_id_.emplace(wire.call_id, j);
    exchanges_.add(std::move(wire.call_id), j, i, Clock::now());
    c.conn->send(std::move(wire.bytes));
  }
  const auto deadline = Clock::now() + s_.timeout();
  while (c.pending > 0 && Clock::now() < deadline) co_await c.wakeup->wait(deadline);
  if (c.pending > 0) {
    for (const std::size_t j : c.subs) {
      if (exchanges_.remove(subs_[j].call_id)) {
        subs_[j].ended = true;
        s_.result().count_error("timeout");
      }
    }
    c.pending = 0;
    co_return;
  }
  const bool all = std::all_of(c.subs.begin(), c.subs.end(), [this](std::size_t j) { return subs_[j].established; });
  if (all && c.conn->is_open()) {
    ++ready_;
    connection_setup_.record(Clock::now() - c.started);
  }
}

void HeldSubscriptions::settled(std::size_t i) {
  Conn& c = conns_[i];
  if (c.pending > 0 && --c.pending == 0) c.wakeup->notify();
}

void HeldSubscriptions::on_message(SipClientConnection&, sip::Message& m) {
  const auto now = Clock::now();
  const auto out = exchanges_.on_message(m, now);
  if (out.kind == SubscribeExchanges::Kind::pending) return;
  if (out.kind == SubscribeExchanges::Kind::unrelated) {
    if (!m.is_request() || m.method() != sip::Method::Notify || !m.call_id()) return;
    const auto it = by_call_id_.find(std::string(*m.call_id()));
    if (it == by_call_id_.end()) return;
    Sub& sub = subs_[it->second];
    if (!sub.established || sub.ended) return;
    if (handler_) handler_(it->second, m, now);
    const auto state = m.subscription_state();
    if (state && *state && (*state)->state == sip::SubState::Terminated) {
      sub.ended = true;
      s_.result().count_error("terminated");
    }
    return;
  }
  Sub& sub = subs_[out.tag];
  if (out.kind == SubscribeExchanges::Kind::done) {
    sub.established = true;
    s_.count_setup();
  } else {
    sub.ended = true;
    s_.result().count_error(out.error);
  }
  settled(sub.connection);
}

void HeldSubscriptions::on_closed(SipClientConnection& connection, std::string_view) {
  Conn& c = conns_[connection.id()];
  --open_;
  s_.set_open_connections(open_);
  s_.result().count_error("closed");
  for (const std::size_t j : c.subs) {
    subs_[j].ended = true;
    if (exchanges_.remove(subs_[j].call_id)) settled(connection.id());
  }
  s_.poke();
}

bool HeldSubscriptions::active(std::size_t j) const noexcept {
  const Sub& sub = subs_[j];
  return sub.established && !sub.ended && conns_[sub.connection].conn && conns_[sub.connection].conn->is_open();
}

std::size_t HeldSubscriptions::active_count() const noexcept {
  std::size_t n = 0;
  for (std::size_t j = 0; j < subs_.size(); ++j) n += active(j) ? 1 : 0;
  return n;
}

void HeldSubscriptions::send_keepalives() {
  for (auto& c : conns_) {
    if (c.conn && c.conn->is_open()) c.conn->send("\r\n\r\n");
  }
}

void HeldSubscriptions::close_all() noexcept {
  for (auto& c : conns_) {
    if (c.conn) c.conn->close();
  }
}

}  // namespace credsvc::loadgen
