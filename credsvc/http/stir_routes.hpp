// The STIR HTTPS API (RFC 8224/8225/8588 in the shape of ATIS-1000082):
//   POST /stir/v1/signing       signingRequest -> signingResponse (an Identity header value)
//   POST /stir/v1/verification  verificationRequest -> verificationResponse (verstat)
// Each route exists only when configured (a signer; a verifier and fetcher).
// Callers authenticate with a TLS client certificate verified by the
// domain's client CAs, or "Authorization: Bearer <token>" with a token of
// scope stir or admin. Neither: 401 with WWW-Authenticate: Bearer; an unknown
// or revoked token: 401; another scope: 403. Errors are ATIS requestError
// bodies (http/stir_json.hpp).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "http/bearer_auth.hpp"
#include "http/certificate_fetcher.hpp"
#include "http/https_server.hpp"
#include "identity/passport_signer.hpp"
#include "identity/passport_verifier.hpp"

namespace credsvc::http {

struct StirApiOptions {
  std::shared_ptr<const identity::PassportSigner> signer;  // null: no signing route
  std::string default_attest = "A";                         // when a request gives none
  std::shared_ptr<const identity::PassportVerifier> verifier;  // null: no verification route
  std::shared_ptr<CertificateFetcher> fetcher;                  // needed with a verifier
  std::shared_ptr<BearerAuthenticator> authenticator;           // null: client certificates only
  // Larger request bodies: 413 (the server's own limit, larger still, also applies).
  std::size_t max_body_size = 16 * 1024;
};

// Registers the configured routes (before server.start()). Throws
// std::invalid_argument for a verifier without a fetcher.
void add_stir_routes(HttpsServer& server, StirApiOptions options);

}  // namespace credsvc::http
