// Digest algorithms of RFC 3261 §22, RFC 7616 and RFC 8760, and the HA1 the
// store keeps per algorithm instead of the password.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace credsvc::auth {

enum class DigestAlgorithm { md5, sha256, sha512_256 };

// The token used in challenges: "MD5", "SHA-256", "SHA-512-256".
std::string_view to_string(DigestAlgorithm algorithm) noexcept;
// Case-insensitive; nullopt for unknown tokens (and for the -sess variants).
std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view token) noexcept;

// Lower-case hex of H(data) for the algorithm.
std::string digest_hex(DigestAlgorithm algorithm, std::string_view data);

// HA1 = H(username ":" realm ":" password), RFC 7616 §3.4.2.
std::string compute_ha1(DigestAlgorithm algorithm, std::string_view username, std::string_view realm,
                        std::string_view password);

// Length of the lower-case hex digest (32 for MD5, 64 for the SHA-2 variants).
std::size_t hex_length(DigestAlgorithm algorithm) noexcept;

// The inputs of the request-digest besides HA1. With an empty `qop` the
// RFC 2069 form is computed (nc and cnonce are then not used).
struct DigestResponseInput {
  std::string_view method;      // the request's method as received ("REGISTER", "GET")
  std::string_view digest_uri;  // the credentials' uri= value, not the Request-URI
  std::string_view nonce;
  std::string_view nc;          // 8 hex digits as sent ("00000001")
  std::string_view cnonce;
  std::string_view qop;         // "auth" as sent, or empty
};

// RFC 7616 §3.4.1 with qop=auth:
//   response = KD(HA1, nonce ":" nc ":" cnonce ":" qop ":" HA2), HA2 = H(method ":" digest-uri),
//   KD(secret, data) = H(secret ":" data).
// Without qop (RFC 2069, RFC 2617 §3.2.2.1): KD(HA1, nonce ":" HA2).
// `ha1` is the lower-case hex HA1 of the same algorithm.
std::string compute_response(DigestAlgorithm algorithm, std::string_view ha1, const DigestResponseInput& in);

}  // namespace credsvc::auth
