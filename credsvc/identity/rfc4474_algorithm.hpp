#pragma once
// The Identity-Info "alg" values (RFC 4474 §9 and its registry).

#include <optional>
#include <string_view>

namespace credsvc::identity {

enum class Rfc4474Algorithm {
  rsa_sha256,  // what credsvc signs with
  rsa_sha1,    // RFC 4474's original; for old peers (and the default when alg is absent)
};

std::string_view to_string(Rfc4474Algorithm alg) noexcept;
// Case-insensitive; nullopt for anything else.
std::optional<Rfc4474Algorithm> parse_rfc4474_algorithm(std::string_view text) noexcept;
// The OpenSSL digest name ("SHA256").
const char* digest_name(Rfc4474Algorithm alg) noexcept;

}  // namespace credsvc::identity
