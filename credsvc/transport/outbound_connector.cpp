#include "transport/outbound_connector.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

namespace credsvc::transport {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

OutboundConnector::OutboundConnector(asio::io_context& io, std::shared_ptr<asio::ssl::context> client_context,
                                     TransportLimits limits, std::shared_ptr<ConnectionHandler> handler,
                                     FlowTable& flows)
    : io_(io), context_(std::move(client_context)), limits_(limits), handler_(std::move(handler)), flows_(flows) {}

namespace {

// One connection attempt; keeps itself alive through its handlers.
struct Attempt : std::enable_shared_from_this<Attempt> {
  Attempt(asio::io_context& io, std::shared_ptr<asio::ssl::context> ctx, std::string h, unsigned short p)
      : strand(asio::make_strand(io)),
        resolver(strand),
        socket(strand),
        timer(strand),
        context(std::move(ctx)),
        host(std::move(h)),
        port(p) {}

  asio::strand<asio::io_context::executor_type> strand;
  tcp::resolver resolver;
  tcp::socket socket;
  std::unique_ptr<TlsSocket> stream;  // once connected
  asio::steady_timer timer;
  std::shared_ptr<asio::ssl::context> context;
  std::string host;
  unsigned short port;
  bool done = false;
};

}  // namespace

void OutboundConnector::connect(const std::string& host, unsigned short port, Callback callback) {
  const bool literal = [&] {
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
  }();
  if (literal) {
    const auto address = asio::ip::make_address(host);
    const std::string key =
        (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":" + std::to_string(port);
    if (auto existing = flows_.find_by_remote(key)) {
      asio::post(existing->strand(), [existing, callback] { callback({}, existing); });
      return;
    }
  }
  auto attempt = std::make_shared<Attempt>(io_, context_, host, port);
  auto fail = [attempt, callback](const boost::system::error_code& ec) {
    if (attempt->done) return;
    attempt->done = true;
    attempt->timer.cancel();
    boost::system::error_code ignored;
    attempt->socket.close(ignored);
    if (attempt->stream) attempt->stream->socket().close(ignored);
    callback(std::error_code(ec.value(), ec.category()), nullptr);
  };
  // Connect and handshake share the handshake time limit.
  attempt->timer.expires_after(limits_.handshake_timeout);
  attempt->timer.async_wait([attempt, fail](const boost::system::error_code& ec) {
    if (!ec) fail(asio::error::timed_out);
  });
  attempt->resolver.async_resolve(
      host, std::to_string(port),
      [this, attempt, fail, callback](const boost::system::error_code& ec, tcp::resolver::results_type results) {
        if (ec) return fail(ec);
        asio::async_connect(
            attempt->socket, results,
            [this, attempt, fail, callback](const boost::system::error_code& cec, const tcp::endpoint&) {
              if (cec) return fail(cec);
              if (attempt->done) return;
              try {
                attempt->socket.set_option(tcp::no_delay(true));
                attempt->stream = std::make_unique<TlsSocket>(
                    std::move(attempt->socket), attempt->context->native_handle(), TlsSocket::Role::client);
              } catch (const std::exception&) {
                return fail(asio::error::no_memory);
              }
              SSL* ssl = attempt->stream->native_handle();
              // SNI and host-name verification, unless the host is an address literal.
              boost::system::error_code lit;
              asio::ip::make_address(attempt->host, lit);
              if (lit) SSL_set_tlsext_host_name(ssl, attempt->host.c_str());
              SSL_set1_host(ssl, attempt->host.c_str());
              attempt->stream->drive(
                  [attempt] { return attempt->stream->handshake(); },
                  [this, attempt, fail, callback](const boost::system::error_code& hec) {
                    if (hec) return fail(hec);
                    if (attempt->done) return;
                    attempt->done = true;
                    attempt->timer.cancel();
                    auto connection = std::make_shared<Connection>(std::move(*attempt->stream),
                                                                   Connection::Role::client, flows_.next_id(), limits_,
                                                                   handler_, attempt->context);
                    flows_.add(connection);
                    connection->start();
                    callback({}, connection);
                  });
            });
      });
}

}  // namespace credsvc::transport
