#include "auth/digest_verifier.hpp"

#include <openssl/crypto.h>

#include <string>

#include "auth/constant_time_equal.hpp"
#include "sip/uri.hpp"

namespace credsvc::auth {

bool digest_uri_matches(std::string_view digest_uri, const sip::Message& request) {
  if (digest_uri == request.request_uri_text()) return true;
  const auto parsed = sip::parse_uri(digest_uri);
  return parsed.ok() && sip::uri_equal(*parsed, request.request_uri());
}

bool response_matches(const DigestCredentials& credentials, std::string_view method, std::string_view ha1) {
  const DigestResponseInput in{method,           credentials.digest_uri, credentials.nonce,
                               credentials.nc_text, credentials.cnonce,  credentials.qop};
  std::string expected = compute_response(credentials.algorithm, ha1, in);
  const bool same = constant_time_equal(expected, credentials.response);
  OPENSSL_cleanse(expected.data(), expected.size());
  return same;
}

}  // namespace credsvc::auth
