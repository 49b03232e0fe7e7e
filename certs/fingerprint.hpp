#pragma once
// SHA-256 fingerprints as lower-case hex without separators, the form the
// database stores (credentials.spki_fingerprint, revoked_keys).

#include "certs/bytes.hpp"

#include <string>

namespace credsvc::certs {

// Lower-case hex of `bytes`, no separators.
std::string to_hex(ByteView bytes);

// SHA-256 digest of `bytes`.
Bytes sha256(ByteView bytes);

// to_hex(sha256(bytes)).
std::string sha256_hex(ByteView bytes);

}  // namespace credsvc::certs
