// The Digest HA1 values the store keeps for a user instead of the password:
// one per algorithm a client may choose (RFC 7616 §3.4.2, RFC 8760). Shared
// by `credsvc admin user add|passwd` and the HTTPS admin API. No I/O.
#pragma once

#include <string>
#include <string_view>

namespace credsvc::auth {

struct Ha1Set {
  std::string md5;
  std::string sha256;
  std::string sha512_256;
};

// HA1 = H(username ":" realm ":" password) for MD5, SHA-256 and SHA-512-256;
// `username` is the user part of the AOR.
Ha1Set compute_ha1_set(std::string_view username, std::string_view realm, std::string_view password);

}  // namespace credsvc::auth
