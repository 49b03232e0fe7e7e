// The HTTPS listener (Boost.Beast over Asio SSL): serves identity
// certificates now, and the admin API and STIR endpoints through the same
// router later. It uses the SIP listener's per-domain TLS contexts, so SNI
// picks the same certificate on both, and a reload reaches new handshakes.
// One session per connection, on its own strand; HTTP/1.1 keep-alive; every
// limit in HttpLimits applies to one connection and leaves the others alone.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/http_limits.hpp"
#include "http/http_message.hpp"
#include "http/router.hpp"
#include "transport/tls_contexts.hpp"

namespace credsvc::http {

struct ServerState;

class HttpsServer {
 public:
  using ContextSource = std::function<std::shared_ptr<const transport::TlsContexts>()>;

  // Binds at once (throws std::system_error naming the address when it
  // cannot); accepting starts with start(). `contexts` is asked at each
  // accept, so what it returns after a reload serves the next handshakes.
  HttpsServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint, ContextSource contexts,
              HttpLimits limits = {});
  ~HttpsServer();
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  // Registration, before start() (throws std::logic_error after; see
  // Router::add for the rest), e.g.
  //   server.route(Verb::get, "/identity/", PathMatch::prefix, handler);
  void route(Verb verb, std::string path, PathMatch match, Handler handler);
  void route(Verb verb, std::string path, PathMatch match, AwaitableHandler handler);

  // Asks every client for a certificate, naming the CAs in `ca_pem` (PEM)
  // as acceptable issuers, without requiring one or failing the handshake
  // over it: RequestContext::client_chain then holds what was presented.
  // Before start() (throws std::logic_error after; std::runtime_error for
  // PEM without certificates).
  void request_client_certificates(const std::string& ca_pem);

  void start();
  // Stops accepting and closes every open connection. Idempotent.
  void stop();

  boost::asio::ip::tcp::endpoint local_endpoint() const;

  struct Stats {
    std::uint64_t connections_accepted = 0;
    std::uint64_t connections_refused = 0;  // by a connection limit
    std::uint64_t requests = 0;             // complete requests read
    std::size_t open_connections = 0;
  };
  Stats stats() const;

  // The accepting side, shared with the accept loop so that it outlives the
  // server object while a completion is on its way.
  struct Acceptor;

 private:
  std::shared_ptr<Acceptor> acceptor_;
  std::shared_ptr<ServerState> state_;
  bool started_ = false;
};

}  // namespace credsvc::http
