#include "ua/aor_parts.hpp"

#include <stdexcept>

#include "certs/aor.hpp"
#include "certs/error.hpp"

namespace credsvc::ua {

AorParts parse_aor(std::string_view text) {
  AorParts parts;
  try {
    parts.canonical = certs::canonical_aor(text);
  } catch (const certs::Error&) {
    throw std::invalid_argument("'" + std::string(text) + "' is not an address-of-record (user@domain)");
  }
  // canonical_aor gives "user@host[:port]"; the user part cannot hold '@'
  // unescaped, so the last '@' separates them.
  const auto at = parts.canonical.rfind('@');
  parts.user = parts.canonical.substr(0, at);
  std::string host = parts.canonical.substr(at + 1);
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else if (const auto colon = host.find(':'); colon != std::string::npos) {
    host.resize(colon);
  }
  parts.domain = std::move(host);
  return parts;
}

}  // namespace credsvc::ua
