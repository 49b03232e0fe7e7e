// The SIP-over-TLS side of `serve`: TLS contexts from the hosted domains, the
// listener, the flow table and the UAS core, run on the caller's io_context.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "db/records.hpp"
#include "transport/flow_table.hpp"
#include "transport/listener.hpp"
#include "transport/tls_contexts.hpp"
#include "uas/uas_core.hpp"

namespace credsvc::cli {

// "host:port", "[v6]:port" → endpoint; throws std::invalid_argument naming the text.
boost::asio::ip::tcp::endpoint parse_listen_address(const std::string& text);

// Client certificates per domain: requested and verified against the
// domain's CA when it has one; with `require`, a client without one fails
// the handshake.
struct ClientCertPolicy {
  std::map<std::string, std::string> ca_pem_by_domain;
  bool require = false;
};

class SipService {
 public:
  // Builds TLS contexts for every domain with a TLS certificate; throws
  // std::runtime_error when there is none or one is unusable.
  SipService(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& listen,
             const std::vector<db::Domain>& domains, const std::string& default_domain, uas::UasOptions options,
             ClientCertPolicy client_certs = {});
  ~SipService();

  uas::UasCore& core() { return *core_; }
  void start();
  void stop();
  boost::asio::ip::tcp::endpoint local_endpoint() const { return listener_->local_endpoint(); }
  // The TLS contexts new handshakes use (shared with the HTTPS server, so SNI
  // picks the same certificate on both).
  std::shared_ptr<const transport::TlsContexts> tls_contexts() const { return contexts(); }
  // New handshakes use `domains` (and `client_certs`, when given) from now on;
  // connections keep theirs. Throws, changing nothing, when a domain's
  // certificate or key is unusable.
  void reload(const std::vector<db::Domain>& domains, const std::string& default_domain,
              std::optional<ClientCertPolicy> client_certs = std::nullopt);

 private:
  std::shared_ptr<const transport::TlsContexts> contexts() const;

  ClientCertPolicy client_certs_;
  transport::FlowTable flows_;
  std::shared_ptr<uas::UasCore> core_;
  mutable std::mutex contexts_mutex_;
  std::shared_ptr<const transport::TlsContexts> contexts_;
  std::unique_ptr<transport::Listener> listener_;
};

}  // namespace credsvc::cli
