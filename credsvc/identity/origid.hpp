#pragma once
// SHAKEN origid (RFC 8588 §4): a UUID identifying the origination point,
// drawn at random (RFC 4122 §4.4, version 4) when the caller has none.

#include <string>

namespace credsvc::identity {

// Lower-case 8-4-4-4-12 form. Throws std::runtime_error when the OpenSSL
// random generator fails.
std::string random_origid();

}  // namespace credsvc::identity
