#pragma once
// Authorization / Proxy-Authorization (credentials) and WWW-Authenticate /
// Proxy-Authenticate (challenges): auth-scheme LWS auth-param *(COMMA auth-param)
// (RFC 3261 §25.1, RFC 7616 for SHA-256 and userhash). The commas in these
// values separate auth-params, never header values.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/params.hpp"
#include "sip/result.hpp"

namespace credsvc::sip {

struct AuthHeader {
  std::string scheme;  // as received; compare case-insensitively
  Params params;       // quoted-string values are unescaped; `quoted` remembers the form
  [[nodiscard]] bool is_digest() const noexcept;
};

Result<AuthHeader> parse_auth_header(std::string_view value);
// "Digest username=\"...\", realm=..." keeping each value's quoted form.
std::string to_string(const AuthHeader& h);

struct DigestParams {
  std::optional<std::string> username, realm, nonce, uri, response, algorithm, cnonce, opaque,
      qop, nc, domain;
  std::vector<std::string> qop_options;  // a challenge's qop="auth,auth-int", split
  std::optional<bool> stale;             // challenge
  std::optional<bool> userhash;          // RFC 7616 §3.4.4
};

// Picks the Digest parameters out of `h` and checks the narrow ones (nc is
// 8 hex digits, stale and userhash are true/false). Unknown params are ignored.
Result<DigestParams> digest_params(const AuthHeader& h);

}  // namespace credsvc::sip
