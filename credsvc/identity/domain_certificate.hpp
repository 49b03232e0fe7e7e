#pragma once
// Whether a certificate speaks for a SIP domain (RFC 4474 §13.4, RFC 5922
// §7.1): a subjectAltName dNSName equal to the domain, or a SAN URI
// "sip:DOMAIN" / "sips:DOMAIN". Case-insensitive, no wildcards, and the
// subject CN is not consulted. A SAN URI with a user part names one user,
// not the domain, so it does not count: a user's certificate must not sign
// for every address of its domain.

#include <string_view>

#include "certs/certificate.hpp"

namespace credsvc::identity {

bool certificate_names_domain(const certs::Certificate& cert, std::string_view domain);

}  // namespace credsvc::identity
