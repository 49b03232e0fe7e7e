// Opens a TLS connection to a peer when no flow to it exists (RFC 3261
// §18.2.2 / RFC 5923: e.g. to a subscriber's sips: Contact): resolves the
// host, connects, sends SNI, verifies the peer certificate against the trust
// anchors and the host name, and registers the new connection as a flow.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <system_error>

#include "transport/connection.hpp"
#include "transport/flow_table.hpp"
#include "transport/transport_limits.hpp"

namespace credsvc::transport {

class OutboundConnector {
 public:
  using Callback = std::function<void(std::error_code, std::shared_ptr<Connection>)>;

  // `client_context` verifies peers (see make_client_context).
  OutboundConnector(boost::asio::io_context& io, std::shared_ptr<boost::asio::ssl::context> client_context,
                    TransportLimits limits, std::shared_ptr<ConnectionHandler> handler, FlowTable& flows);

  // Reuses a live flow to host:port when there is one; otherwise connects.
  // The callback runs once, on the new connection's strand (or the I/O
  // context on failure). A certificate that does not verify fails with the
  // handshake's error and no connection is kept.
  void connect(const std::string& host, unsigned short port, Callback callback);

 private:
  boost::asio::io_context& io_;
  std::shared_ptr<boost::asio::ssl::context> context_;
  TransportLimits limits_;
  std::shared_ptr<ConnectionHandler> handler_;
  FlowTable& flows_;
};

}  // namespace credsvc::transport
