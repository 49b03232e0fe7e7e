// The Digest credentials of one Authorization / Proxy-Authorization header,
// checked for completeness (RFC 3261 §22.4, RFC 7616 §3.4). Which header to
// use, and whether the nonce and password are right, is DigestAuthenticator's
// business.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/auth_outcome.hpp"
#include "auth/digest_algorithm.hpp"
#include "sip/auth_headers.hpp"

namespace credsvc::auth {

struct DigestCredentials {
  std::string username;  // as sent, unescaped
  std::string realm;
  std::string nonce;
  std::string digest_uri;
  std::string response;  // lower-cased hex of the algorithm's length
  DigestAlgorithm algorithm = DigestAlgorithm::md5;  // RFC 2617 §3.2.2 / RFC 3261: absent means MD5
  std::string qop;       // "auth" as sent, or empty for an RFC 2069 response
  std::string cnonce;    // with qop
  std::string nc_text;   // with qop: the 8 hex digits as sent (used in the hash)
  std::uint32_t nc = 0;  // with qop: its value, at least 1
  std::optional<std::string> opaque;
};

struct CredentialsParse {
  std::optional<DigestCredentials> credentials;  // set on success
  AuthStatus status = AuthStatus::malformed;     // malformed or unsupported_algorithm otherwise
  std::string reason;                            // static text, no client bytes
};

// Fails with:
//  - malformed: bad syntax, a missing username/realm/nonce/uri/response,
//    qop=auth without cnonce or nc, nc = 0, cnonce/nc without qop, a response
//    that is not hex of the algorithm's length;
//  - unsupported_algorithm: an algorithm other than MD5/SHA-256/SHA-512-256
//    (the -sess variants included), a qop other than auth, or userhash=true.
//    userhash (RFC 7616 §3.4.4) is not supported: the store looks users up
//    by name, and our challenges never offer it.
CredentialsParse parse_digest_credentials(const sip::AuthHeader& header);

}  // namespace credsvc::auth
