#pragma once
// The UA side of SIP Digest (RFC 3261 §22.2, RFC 7616 §3.4, RFC 8760):
// choosing among a 401's challenges and answering the chosen one with
// qop=auth. No I/O; the cnonce is an input so answers are reproducible.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/digest_algorithm.hpp"
#include "sip/auth_headers.hpp"
#include "sip/result.hpp"

namespace credsvc::ua {

struct DigestChallenge {
  auth::DigestAlgorithm algorithm = auth::DigestAlgorithm::md5;
  std::string realm;
  std::string nonce;
  std::optional<std::string> opaque;
};

// RFC 7616 §3.7: the server lists one challenge per algorithm; we take the
// strongest we support (SHA-512-256, then SHA-256, then MD5) among the Digest
// challenges that offer qop=auth, whatever their order. Fails naming why none
// fits ("no Digest challenge", "no challenge with qop=auth and a supported
// algorithm").
sip::Result<DigestChallenge> choose_challenge(const std::vector<sip::AuthHeader>& challenges);

struct DigestAnswer {
  std::string_view username;
  std::string_view password;
  std::string_view method;      // "SUBSCRIBE", "PUBLISH"
  std::string_view digest_uri;  // the Request-URI as sent
  std::string_view cnonce;      // unguessable (random_hex)
  std::uint32_t nc = 1;         // nonce-count: 1 for the first use of a nonce
};

// The Authorization header value: Digest username, realm, nonce, uri,
// response, algorithm, qop=auth, nc (8 hex digits), cnonce[, opaque].
// The password itself never appears in it.
std::string authorization_value(const DigestChallenge& challenge, const DigestAnswer& answer);

}  // namespace credsvc::ua
