#include "identity/rfc4474_algorithm.hpp"

#include "sip/grammar.hpp"

namespace credsvc::identity {

std::string_view to_string(Rfc4474Algorithm alg) noexcept {
  return alg == Rfc4474Algorithm::rsa_sha1 ? "rsa-sha1" : "rsa-sha256";
}

std::optional<Rfc4474Algorithm> parse_rfc4474_algorithm(std::string_view text) noexcept {
  if (sip::grammar::iequals(text, "rsa-sha256")) return Rfc4474Algorithm::rsa_sha256;
  if (sip::grammar::iequals(text, "rsa-sha1")) return Rfc4474Algorithm::rsa_sha1;
  return std::nullopt;
}

const char* digest_name(Rfc4474Algorithm alg) noexcept {
  return alg == Rfc4474Algorithm::rsa_sha1 ? "SHA1" : "SHA256";
}

}  // namespace credsvc::identity
