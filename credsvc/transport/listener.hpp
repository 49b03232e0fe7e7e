// The SIP-over-TLS listener: accepts TCP connections, enforces the per-address
// and total connection limits before any TLS work, and starts a Connection
// with the TLS context set current at accept time.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>

#include "transport/connection.hpp"
#include "transport/flow_table.hpp"
#include "transport/tls_contexts.hpp"
#include "transport/transport_limits.hpp"

namespace credsvc::transport {

class Listener {
 public:
  using ContextSource = std::function<std::shared_ptr<const TlsContexts>()>;

  // Binds at once (throws std::system_error naming the address when it
  // cannot); accepting starts with start().
  Listener(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint, ContextSource contexts,
           TransportLimits limits, std::shared_ptr<ConnectionHandler> handler, FlowTable& flows);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  void start();
  void stop();
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  std::size_t open_connections() const;

  // Connection counts, shared with the slots connections hold.
  struct State;

 private:
  void accept_next();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;  // pause after a failed accept (e.g. EMFILE)
  ContextSource contexts_;
  TransportLimits limits_;
  std::shared_ptr<ConnectionHandler> handler_;
  FlowTable& flows_;
  std::shared_ptr<State> state_;
};

}  // namespace credsvc::transport
