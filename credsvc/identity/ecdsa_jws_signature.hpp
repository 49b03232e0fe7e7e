#pragma once
// ES256 signatures in JWS form (RFC 7518 §3.4): R and S as 32-byte
// big-endian integers, concatenated, where OpenSSL speaks DER ECDSA-Sig-Value.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace credsvc::identity {

using Es256Signature = std::array<std::uint8_t, 64>;

// nullopt when `der` is not exactly one ECDSA-Sig-Value or R/S exceed 32 bytes.
std::optional<Es256Signature> es256_from_der(std::span<const std::uint8_t> der);
// Empty on an OpenSSL failure.
std::vector<std::uint8_t> es256_to_der(const Es256Signature& raw);

}  // namespace credsvc::identity
