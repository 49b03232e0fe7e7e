#include "auth/digest_credentials.hpp"

#include <strings.h>

namespace credsvc::auth {
namespace {

CredentialsParse fail(AuthStatus status, std::string reason) {
  CredentialsParse p;
  p.status = status;
  p.reason = std::move(reason);
  return p;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<std::uint32_t> parse_nc(std::string_view hex) noexcept {
  std::uint32_t v = 0;
  if (hex.size() != 8) return std::nullopt;
  for (const char c : hex) {
    std::uint32_t d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    v = (v << 4) | d;
  }
  return v;
}

// Lower-cases in place; false when not all hex.
bool normalise_hex(std::string& s) noexcept {
  for (char& c : s) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

CredentialsParse parse_digest_credentials(const sip::AuthHeader& header) {
  if (!header.is_digest()) return fail(AuthStatus::malformed, "credentials are not Digest");
  auto parsed = sip::digest_params(header);
  if (!parsed) return fail(AuthStatus::malformed, "Digest credentials: " + parsed.error());
  sip::DigestParams& d = *parsed;

  // RFC 3261 §22.4 / RFC 7616 §3.4: these are always required.
  if (!d.username) return fail(AuthStatus::malformed, "Digest credentials without username");
  if (!d.realm) return fail(AuthStatus::malformed, "Digest credentials without realm");
  if (!d.nonce) return fail(AuthStatus::malformed, "Digest credentials without nonce");
  if (!d.uri) return fail(AuthStatus::malformed, "Digest credentials without uri");
  if (!d.response) return fail(AuthStatus::malformed, "Digest credentials without response");

  DigestCredentials c;
  if (d.algorithm) {
    const auto alg = parse_digest_algorithm(*d.algorithm);
    if (!alg) {
      return fail(AuthStatus::unsupported_algorithm,
                  "Digest algorithm not supported (MD5, SHA-256, SHA-512-256 only; no -sess)");
    }
    c.algorithm = *alg;
  }
  if (d.userhash.value_or(false)) {
    return fail(AuthStatus::unsupported_algorithm, "userhash=true not supported (RFC 7616 §3.4.4 is not offered)");
  }

  if (d.qop) {
    if (d.qop_options.size() != 1) return fail(AuthStatus::malformed, "qop must hold exactly one value");
    if (!iequals(d.qop_options.front(), "auth")) {
      return fail(AuthStatus::unsupported_algorithm, "qop other than auth not supported");
    }
    if (!d.cnonce) return fail(AuthStatus::malformed, "qop=auth without cnonce");
    if (d.cnonce->empty()) return fail(AuthStatus::malformed, "empty cnonce");
    if (!d.nc) return fail(AuthStatus::malformed, "qop=auth without nc");
    const auto nc = parse_nc(*d.nc);
    if (!nc) return fail(AuthStatus::malformed, "nc is not 8 hex digits");
    if (*nc == 0) return fail(AuthStatus::malformed, "nc is zero (counts start at 00000001)");
    c.qop = d.qop_options.front();
    c.cnonce = std::move(*d.cnonce);
    c.nc_text = std::move(*d.nc);
    c.nc = *nc;
  } else if (d.cnonce || d.nc) {
    // RFC 2617 §3.2.2: cnonce and nc go only with qop.
    return fail(AuthStatus::malformed, "cnonce or nc without qop");
  }

  c.response = std::move(*d.response);
  if (c.response.size() != hex_length(c.algorithm) || !normalise_hex(c.response)) {
    return fail(AuthStatus::malformed, "response is not a " + std::string(to_string(c.algorithm)) + " hex digest");
  }
  c.username = std::move(*d.username);
  c.realm = std::move(*d.realm);
  c.nonce = std::move(*d.nonce);
  c.digest_uri = std::move(*d.uri);
  c.opaque = std::move(d.opaque);

  CredentialsParse ok;
  ok.status = AuthStatus::ok;
  ok.credentials = std::move(c);
  return ok;
}

}  // namespace credsvc::auth
