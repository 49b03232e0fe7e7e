#include "loadgen/connection_set.hpp"

namespace credsvc::loadgen {
namespace asio = boost::asio;

asio::awaitable<void> ConnectionSet::open(BenchSession& s, std::size_t n, SipClientConnection::Listener* listener) {
  slots_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    // Two statements, not ?: — g++ 12 destroys a co_await result inside a
    // conditional expression twice.
    if (i == 0) {
      slots_[i].conn = co_await s.open_first();
    } else {
      slots_[i].conn = co_await s.open();
    }
    if (!slots_[i].conn) continue;
    slots_[i].conn->start(listener, i);
    ++open_;
    s.count_setup();
    s.set_open_connections(open_);
  }
}

SipClientConnection* ConnectionSet::at(std::size_t i) const noexcept {
  const auto& c = slots_[i].conn;
  return c && c->is_open() ? c.get() : nullptr;
}

void ConnectionSet::finished(std::size_t i) noexcept {
  if (slots_[i].inflight > 0) --slots_[i].inflight;
}

ConnectionSet::Pick ConnectionSet::pick(std::size_t max_inflight) noexcept {
  for (std::size_t tries = 0; tries < slots_.size(); ++tries) {
    const std::size_t i = next_++ % slots_.size();
    if (at(i) == nullptr) continue;
    if (slots_[i].inflight >= max_inflight) return Pick{i, "backlog"};
    return Pick{i, nullptr};
  }
  return Pick{0, "no_connection"};
}

void ConnectionSet::lost(std::size_t i) noexcept {
  if (!slots_[i].conn) return;
  slots_[i].conn.reset();
  --open_;
}

void ConnectionSet::close_all() noexcept {
  for (auto& slot : slots_) {
    if (slot.conn) slot.conn->close();
  }
}

}  // namespace credsvc::loadgen
