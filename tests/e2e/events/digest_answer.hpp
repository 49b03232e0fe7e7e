// The client half of SIP Digest for the test UA (RFC 7616 §3.4.1, qop=auth):
// computed with the test's own hashing, not the server's auth/ library.
#pragma once

#include <string>

#include "sip/message.hpp"

namespace credsvc::testing::events {

struct DigestAnswerInput {
  std::string user;
  std::string password;
  std::string method;
  std::string uri;     // the Request-URI, also the digest-uri
  unsigned nc = 1;     // nonce count
  std::string cnonce;
};

// The Authorization header line (with CRLF) answering the SHA-256 challenge
// of the 401 `challenge`. Throws std::runtime_error when it offers none.
std::string digest_authorization(const sip::Message& challenge, const DigestAnswerInput& input);

}  // namespace credsvc::testing::events
