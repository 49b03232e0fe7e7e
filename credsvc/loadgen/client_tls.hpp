// The generator's TLS client side: credsvc's protocol policy, the --ca
// anchors as the only trust, the server name checked, and for --resume the
// session tickets the server hands out, kept in a slot per worker so its
// next connection can offer them (RFC 8446 §2.2).
#pragma once

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace credsvc::loadgen {

struct SessionFree {
  void operator()(SSL_SESSION* s) const noexcept { SSL_SESSION_free(s); }
};
using SessionPtr = std::unique_ptr<SSL_SESSION, SessionFree>;

// Where a connection's newest session lands; must outlive the connection.
struct SessionSlot {
  SessionPtr session;
};

class ClientTls {
 public:
  // Throws std::invalid_argument when `ca_pem` holds no usable certificate.
  explicit ClientTls(const std::string& ca_pem);

  [[nodiscard]] boost::asio::ssl::context& context() noexcept { return ctx_; }

  // Readies a new connection's SSL: SNI and the name its certificate must
  // carry; with a slot, offers the slot's session and stores new ones there.
  void prepare(SSL* ssl, const std::string& server_name, SessionSlot* slot) const;
  // No more sessions go to the connection's slot (it is closing).
  static void detach(SSL* ssl) noexcept;

 private:
  static int on_new_session(SSL* ssl, SSL_SESSION* session);
  boost::asio::ssl::context ctx_;
};

}  // namespace credsvc::loadgen
