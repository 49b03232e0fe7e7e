#include "identity/domain_certificate.hpp"

#include "sip/grammar.hpp"
#include "sip/uri.hpp"

namespace credsvc::identity {
namespace {

// "example.com." and "example.com" name the same domain.
std::string_view without_root_dot(std::string_view host) noexcept {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return host;
}

}  // namespace

bool certificate_names_domain(const certs::Certificate& cert, std::string_view domain) {
  domain = without_root_dot(domain);
  if (domain.empty()) return false;
  for (const std::string& dns : cert.san_dns()) {
    if (sip::grammar::iequals(without_root_dot(dns), domain)) return true;
  }
  for (const std::string& text : cert.san_uris()) {
    sip::Uri uri;
    if (!sip::parse_uri(text, uri) || !uri.is_sip()) continue;
    if (uri.user || uri.port || !uri.params.empty() || !uri.headers.empty()) continue;
    if (sip::grammar::iequals(without_root_dot(uri.host), domain)) return true;
  }
  return false;
}

}  // namespace credsvc::identity
