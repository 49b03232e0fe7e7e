// GET/HEAD /identity/<domain>.cer and /identity/<domain>.pem: a hosted
// domain's identity certificate, the target of the Identity-Info (RFC 4474
// §6.1) and info/x5u (RFC 8224 §4.1) URLs in the NOTIFYs it signs.
//   .cer  the leaf, DER, application/pkix-cert (RFC 2585 §4.1)
//   .pem  the chain, PEM, application/pem-certificate-chain (RFC 8555 §9.1)
// The domain is matched case-insensitively; a name that is not a DNS name is
// a 400, an unknown one a 404. Cache-Control max-age never reaches past the
// certificate's notAfter.
#pragma once

#include <chrono>
#include <memory>

#include "http/https_server.hpp"
#include "http/identity_directory.hpp"

namespace credsvc::http {

struct IdentityRouteOptions {
  std::chrono::seconds max_age{3600};
};

// Registers GET /identity/ (prefix); HEAD follows from GET.
void add_identity_routes(HttpsServer& server, std::shared_ptr<const IdentityDirectory> directory,
                         IdentityRouteOptions options = {});

// The response for one request path under /identity/ ("example.com.cer");
// separate from the server so it can be tested without sockets.
Response identity_response(const IdentityDirectory& directory, std::string_view name, const Request& request,
                           const IdentityRouteOptions& options, std::chrono::system_clock::time_point now);

}  // namespace credsvc::http
