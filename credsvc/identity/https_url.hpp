#pragma once
// The https URLs of Identity-Info (RFC 4474 §9) and x5u/info (RFC 8224 §4.1,
// RFC 8225 §5.1.1): checked before anything is fetched, so the allow-list of
// certificate hosts can be applied to exactly the host that will be contacted.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/result.hpp"

namespace credsvc::identity {

struct HttpsUrl {
  std::string host;  // lower-cased; an IPv6 literal keeps its [ ]
  std::optional<std::uint16_t> port;
  std::string path;  // from the first '/' (query included), "/" when empty
};

// "https://" authority path-abempty [ "?" query ] (RFC 3986 §3), with a
// case-insensitive scheme. Rejected: other schemes, userinfo ("user@" hides
// the real host from a quick look), fragments, empty hosts, ports outside
// 1-65535, spaces and controls.
sip::Result<HttpsUrl> parse_https_url(std::string_view text);

// True when `host` (as parse_https_url gives it) equals one of `allowed`,
// compared case-insensitively. No wildcards.
bool host_allowed(std::string_view host, const std::vector<std::string>& allowed);

// https://HOST[:PORT]/identity/DOMAIN.cer, where credsvc's HTTPS server
// publishes a domain's identity certificate.
std::string identity_certificate_url(std::string_view host, std::optional<std::uint16_t> port,
                                     std::string_view domain);

}  // namespace credsvc::identity
