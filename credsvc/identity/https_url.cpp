#include "identity/https_url.hpp"

#include "sip/grammar.hpp"
#include "sip/uri.hpp"

namespace credsvc::identity {
namespace {

namespace g = sip::grammar;

// RFC 3986 §2: unreserved / pct-encoded / sub-delims / ":" / "@" / "/" / "?".
bool url_char(char c) noexcept {
  if (g::is_alnum(c)) return true;
  switch (c) {
    case '-': case '.': case '_': case '~': case '%': case '!': case '$': case '&': case '\'':
    case '(': case ')': case '*': case '+': case ',': case ';': case '=': case ':': case '@':
    case '/': case '?':
      return true;
    default:
      return false;
  }
}

}  // namespace

sip::Result<HttpsUrl> parse_https_url(std::string_view text) {
  auto fail = [](std::string why) { return sip::Result<HttpsUrl>::failure(std::move(why)); };
  constexpr std::string_view kScheme = "https://";
  if (text.size() < kScheme.size() || !g::iequals(text.substr(0, kScheme.size()), kScheme)) {
    return fail("not an https URL");
  }
  for (char c : text) {
    if (c == '#') return fail("URL has a fragment");
    if (!url_char(c) && c != '[' && c != ']') return fail("URL has a character outside RFC 3986");
  }
  std::string_view rest = text.substr(kScheme.size());
  const std::size_t end = g::find_either(rest, '/', '?');
  const std::string_view authority = rest.substr(0, end);
  std::string_view path = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) return fail("URL has userinfo");

  HttpsUrl url;
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail("URL has a bad IPv6 host");
    host = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail("URL has a bad IPv6 host");
      port = after.substr(1);
      if (port.empty()) return fail("URL has an empty port");
    }
  } else {
    const std::size_t colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return fail("URL has an empty port");
    }
  }
  if (host.empty()) return fail("URL has no host");
  if (!sip::classify_host(host)) return fail("URL has a bad host");
  if (!port.empty()) {
    const auto p = g::parse_uint(port, 65535);
    if (!p || *p == 0) return fail("URL has a bad port");
    url.port = static_cast<std::uint16_t>(*p);
  }
  // '[' and ']' only delimit an IPv6 host.
  if (path.find_first_of("[]") != std::string_view::npos) return fail("URL has a character outside RFC 3986");
  url.host = g::lower(host);
  url.path = path.empty() ? std::string("/") : std::string(path);
  if (url.path.front() == '?') url.path.insert(0, "/");
  return url;
}

bool host_allowed(std::string_view host, const std::vector<std::string>& allowed) {
  for (const std::string& a : allowed) {
    if (g::iequals(host, a)) return true;
  }
  return false;
}

std::string identity_certificate_url(std::string_view host, std::optional<std::uint16_t> port,
                                     std::string_view domain) {
  std::string url = "https://";
  url.append(host);
  if (port) url.append(":" + std::to_string(*port));
  url.append("/identity/");
  url.append(domain);
  url.append(".cer");
  return url;
}

}  // namespace credsvc::identity
