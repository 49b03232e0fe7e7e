#pragma once
// The AOR a user-agent command works on: its canonical form (certs::canonical_aor),
// the user part (the Digest username) and the domain (TLS SNI and host name,
// Identity-Info allow-list). No I/O.

#include <string>
#include <string_view>

namespace credsvc::ua {

struct AorParts {
  std::string canonical;  // "alice@example.test" (no scheme, host lower-cased)
  std::string user;       // "alice" (escaped as in canonical)
  std::string domain;     // "example.test" (no port)

  // "sip:alice@example.test": the Request-URI and To of our requests.
  [[nodiscard]] std::string sip_uri() const { return "sip:" + canonical; }
};

// Accepts "alice@example.test", "sip:..." or "sips:...". Throws
// std::invalid_argument("'X' is not an address-of-record (user@domain)").
AorParts parse_aor(std::string_view text);

}  // namespace credsvc::ua
