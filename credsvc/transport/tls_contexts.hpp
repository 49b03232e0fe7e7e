// The server's TLS contexts: one SSL_CTX per hosted domain, chosen by SNI,
// and a default for clients that send no SNI (many phones don't). TLS 1.2 and
// 1.3 only, AEAD suites only. Immutable once built: a configuration change
// builds a new set, and new handshakes use it while old connections go on.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace credsvc::transport {

struct DomainTlsConfig {
  std::string domain;     // lower case
  std::string chain_pem;  // leaf first
  std::string key_pem;    // PKCS#8
  // PEM CA certificates for client-certificate verification; none = no
  // client certificates requested.
  std::optional<std::string> client_ca_pem;
  bool require_client_certificate = false;
};

class TlsContexts {
 public:
  // Throws std::runtime_error naming the domain and the fault. `default_domain`
  // must be one of `domains` (or empty for the first).
  static std::shared_ptr<const TlsContexts> build(const std::vector<DomainTlsConfig>& domains,
                                                  const std::string& default_domain);

  // The context new server-side streams are made with; its SNI callback
  // switches each handshake to the domain's context.
  boost::asio::ssl::context& server_context() const { return *default_; }
  const std::string& default_domain() const { return default_name_; }
  std::vector<std::string> domains() const;

  // Domain a handshake ended up on (the SNI match or the default).
  static std::string domain_of(SSL* ssl);

  TlsContexts(const TlsContexts&) = delete;
  TlsContexts& operator=(const TlsContexts&) = delete;
  ~TlsContexts();

 private:
  TlsContexts() = default;
  static int on_server_name(SSL* ssl, int* alert, void* arg);

  std::map<std::string, std::unique_ptr<boost::asio::ssl::context>> by_domain_;
  boost::asio::ssl::context* default_ = nullptr;
  std::string default_name_;
};

// A request for client certificates made per handshake instead of per
// domain, for a service whose callers authenticate with certificates from a
// CA of its own (the HTTPS admin API's --admin-ca): the client is asked for
// a certificate whatever its domain's policy, with the subjects of these CAs
// among the acceptable issuers, and the handshake goes on whether it sends
// none or one that the domain's client CAs do not verify (SSL_get_verify_result
// still tells). The service checks what was presented. SIP never uses it.
// Must outlive every SSL object it is applied to.
class ClientCertificateRequest {
 public:
  // `ca_pem`: PEM CA certificates. Throws std::runtime_error when there is none.
  explicit ClientCertificateRequest(const std::string& ca_pem);
  ~ClientCertificateRequest();
  ClientCertificateRequest(const ClientCertificateRequest&) = delete;
  ClientCertificateRequest& operator=(const ClientCertificateRequest&) = delete;

  // For a server-side SSL object before its handshake; the SNI switch to a
  // domain's context applies it again (TlsContexts).
  void apply(SSL* ssl) const;
  // The request applied to `ssl`, if any.
  static const ClientCertificateRequest* of(SSL* ssl);

 private:
  struct Names;
  std::unique_ptr<Names> names_;
};

// Applies credsvc's protocol and cipher policy to any context (server or client).
void apply_tls_policy(boost::asio::ssl::context& ctx);

// A client context for outbound connections: verifies the peer against the
// system trust store plus `extra_ca_pem` (if any).
std::unique_ptr<boost::asio::ssl::context> make_client_context(const std::optional<std::string>& extra_ca_pem);

}  // namespace credsvc::transport
