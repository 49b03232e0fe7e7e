// A certificate URL as the fetcher uses it (RFC 4474 Identity-Info, RFC 8224
// info/x5u): https only, a host, no userinfo; the fragment is ignored. No I/O.
#pragma once

#include <string>
#include <string_view>
#include <system_error>
#include <variant>

namespace credsvc::http {

struct FetchUrl {
  std::string host;         // lower case; an IPv6 address without brackets
  bool host_is_address = false;
  unsigned short port = 443;
  std::string target;       // origin-form: path (at least "/") and query
  std::string host_header;  // Host field value (RFC 9110 §7.2)
  std::string key;          // normalised URL, for the cache
};

// Errors: FetchError::bad_url, FetchError::not_https.
std::variant<FetchUrl, std::error_code> parse_fetch_url(std::string_view url);

}  // namespace credsvc::http
