// What the HTTPS server shares with its sessions (internal to http/): the
// limits, the router and the client-certificate request (immutable once
// accepting), counters, and the open sessions so stop() can close them.
// Sessions hold it, so it outlives the server object while connections finish.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "http/http_limits.hpp"
#include "http/router.hpp"
#include "transport/tls_contexts.hpp"

namespace credsvc::http {

class HttpsSession;

struct ServerState {
  explicit ServerState(HttpLimits l) : limits(l) {}

  const HttpLimits limits;
  Router router;
  // Client certificates asked for on every handshake (set before accepting).
  std::shared_ptr<const transport::ClientCertificateRequest> client_certificate_request;

  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> refused{0};
  std::atomic<std::uint64_t> requests{0};

  std::mutex mutex;  // guards what follows
  std::map<boost::asio::ip::address, std::size_t> per_address;
  std::size_t open = 0;
  std::map<std::uint64_t, std::weak_ptr<HttpsSession>> sessions;
  std::uint64_t next_id = 0;
  bool stopped = false;
};

}  // namespace credsvc::http
