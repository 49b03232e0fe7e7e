// base64url without padding (RFC 4648 §5): the nonce encoding. Its alphabet
// (A-Z a-z 0-9 - _) is token-safe, so nonces never need escaping in a
// quoted-string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace credsvc::auth {

std::string base64url_encode(std::string_view bytes);
// nullopt on a character outside the alphabet, on '=' padding, on a length
// that no encoding produces, or on non-zero trailing bits (so every byte
// string has exactly one accepted encoding).
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace credsvc::auth
