#pragma once
// Addresses-of-record as the credential service compares them.
//
// RFC 5630 §3: sip: and sips: name the same resource, so the scheme is dropped.
// RFC 3261 §19.1.4: the user part is case-sensitive, the host is not, and
// escaped characters are compared decoded; URI parameters and headers after the
// host[:port] do not name a different AOR here (;transport, ;gr, ;user, ...).

#include <string>
#include <string_view>

namespace credsvc::certs {

// "user@host[:port]" with the host lower-cased, escapes of unreserved
// characters decoded (others upper-cased), and scheme, parameters and headers
// removed. Accepts "sip:...", "sips:..." (scheme case-insensitive) or no scheme.
// Throws Error("aor: ...") for anything else (other schemes, no user part,
// a password, bad characters, a bad port).
std::string canonical_aor(std::string_view aor);

// Whether `a` and `b` name the same AOR; false when either is not an AOR.
bool same_aor(std::string_view a, std::string_view b) noexcept;

}  // namespace credsvc::certs
