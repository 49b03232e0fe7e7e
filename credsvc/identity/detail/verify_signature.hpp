#pragma once
// Internal: one EVP digest-verify over the concatenation of some pieces.

#include <cstdint>
#include <span>
#include <string_view>

#include <openssl/types.h>

namespace credsvc::identity::detail {

// True only for a valid signature; any OpenSSL error counts as invalid and
// leaves the error queue empty.
bool verify_signature(EVP_PKEY* key, const char* digest, std::span<const std::string_view> pieces,
                      std::span<const std::uint8_t> signature);

}  // namespace credsvc::identity::detail
