// A user's password turned into what the store keeps instead (the HA1 of
// every Digest algorithm, auth/ha1_set.hpp), for `credsvc admin user
// add|passwd` and the HTTPS admin API. No I/O.
#pragma once

#include <string>

#include "db/records.hpp"

namespace credsvc::http {

// The HA1 values for the user part of `aor` in `realm`. `password` is
// overwritten with NULs once hashed, so the caller's copy does not linger.
db::DigestHa1 password_hashes(const std::string& aor, const std::string& realm, std::string& password);

}  // namespace credsvc::http
