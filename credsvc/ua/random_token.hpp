#pragma once
// Unguessable tokens for tags, Call-IDs, branches and cnonces (RFC 3261
// §19.3: at least 32 random bits; we use more), from OpenSSL's CSPRNG.

#include <cstddef>
#include <string>

namespace credsvc::ua {

// `bytes` random bytes as lower-case hex. Throws std::runtime_error when the
// generator fails.
std::string random_hex(std::size_t bytes);

}  // namespace credsvc::ua
