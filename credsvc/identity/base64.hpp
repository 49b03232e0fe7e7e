#pragma once
// Base64 (RFC 4648 §4, the RFC 4474 Identity signature) and base64url without
// padding (RFC 4648 §5 as RFC 7515 §2 uses it for JWS). Decoding is strict:
// any byte outside the alphabet, misplaced padding or non-zero trailing bits
// is rejected, so every accepted text has exactly one decoding.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace credsvc::identity {

// Appends the encoding of `data` to `out` (padded with '=').
void append_base64(std::string& out, std::span<const std::uint8_t> data);
std::string base64_encode(std::span<const std::uint8_t> data);
// Padding is optional; when present it must be correct.
std::optional<std::string> base64_decode(std::string_view text);

// Appends the base64url encoding of `data` to `out`, without padding.
void append_base64url(std::string& out, std::span<const std::uint8_t> data);
std::string base64url_encode(std::span<const std::uint8_t> data);
std::string base64url_encode(std::string_view data);
// No padding allowed (RFC 7515 §2).
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace credsvc::identity
