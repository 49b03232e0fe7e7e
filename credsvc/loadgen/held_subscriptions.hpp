// Certificate subscriptions held open, for the fanout and idle scenarios:
// C connections with S subscriptions spread over them round robin (RFC 6072
// §7, Expires as asked). Connections are opened a few at a time (or at a
// set rate); each sends its SUBSCRIBEs at once and is ready when every one
// has its 2xx and first NOTIFY. Later NOTIFYs of an established
// subscription go to a handler; a terminated one stops counting as active.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "loadgen/bench_session.hpp"
#include "loadgen/latency_histogram.hpp"
#include "loadgen/sip_client_connection.hpp"
#include "loadgen/subscribe_exchanges.hpp"
#include "loadgen/wakeup.hpp"

namespace credsvc::loadgen {

class HeldSubscriptions final : public SipClientConnection::Listener {
 public:
  // (subscription index, the NOTIFY, when it arrived)
  using NotifyHandler = std::function<void(std::size_t, const sip::Message&, Clock::time_point)>;

  // Subscription j watches aor(j) over connection j % connections.
  HeldSubscriptions(BenchSession& session, std::size_t connections, std::size_t subscriptions,
                    std::uint32_t expires);
  ~HeldSubscriptions() override;

  // Opens every connection, at most `concurrency` in set-up at once, or
  // started at `rate` per second when > 0. The first connection's failure
  // ends the run (a fatal error); later failures are counted.
  boost::asio::awaitable<void> establish(std::size_t concurrency, double rate);

  void on_later_notify(NotifyHandler handler) { handler_ = std::move(handler); }

  [[nodiscard]] std::size_t subscriptions() const noexcept { return subs_.size(); }
  [[nodiscard]] bool active(std::size_t subscription) const noexcept;
  [[nodiscard]] std::size_t active_count() const noexcept;
  [[nodiscard]] std::size_t open_connections() const noexcept { return open_; }
  // Connections whose every subscription is established.
  [[nodiscard]] std::size_t ready_connections() const noexcept { return ready_; }
  // Per connection: connect started → its last subscription established.
  [[nodiscard]] const LatencyHistogram& connection_setup() const noexcept { return connection_setup_; }

  // RFC 5626 §4.4.1 pings on every open connection, so none looks idle.
  void send_keepalives();
  void close_all() noexcept;

  void on_message(SipClientConnection& connection, sip::Message& message) override;
  void on_closed(SipClientConnection& connection, std::string_view reason) override;

 private:
  struct Sub {
    std::size_t connection = 0;
    std::string call_id;
    bool established = false;
    bool ended = false;
  };
  struct Conn {
    std::shared_ptr<SipClientConnection> conn;
    std::vector<std::size_t> subs;
    std::size_t pending = 0;  // subscriptions not yet established or failed
    Clock::time_point started{};
    std::unique_ptr<Wakeup> wakeup;
  };

  boost::asio::awaitable<void> set_up(std::size_t i, bool first);
  void settled(std::size_t connection);

  BenchSession& s_;
  std::uint32_t expires_;
  std::vector<Sub> subs_;
  std::vector<Conn> conns_;
  SubscribeExchanges exchanges_;
  std::unordered_map<std::string, std::size_t> by_call_id_;
  NotifyHandler handler_;
  LatencyHistogram connection_setup_;
  std::size_t open_ = 0;
  std::size_t ready_ = 0;
  std::size_t in_setup_ = 0;
};

}  // namespace credsvc::loadgen
