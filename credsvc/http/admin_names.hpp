// The names an administrator gives (an address-of-record, a domain), checked
// and made canonical the same way by `credsvc admin` and the HTTPS admin API.
// No I/O.
#pragma once

#include <string>
#include <string_view>

namespace credsvc::http {

// The canonical AOR ("user@domain", RFC 3261 §19.1.4 via certs::canonical_aor)
// of "user@domain", "sip:user@domain" or "sips:user@domain". Throws
// std::invalid_argument("'TEXT' is not an address-of-record (user@domain)").
std::string admin_aor(std::string_view text);

// Lower-cases and checks a domain name (letters, digits, '-', '.'); throws
// std::invalid_argument naming the fault.
std::string normalise_domain_name(std::string_view name);

}  // namespace credsvc::http
