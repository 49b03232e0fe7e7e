#pragma once
// Internal: KeyInfo for an EVP_PKEY (public or private).

#include "certs/key_info.hpp"

#include <openssl/types.h>

namespace credsvc::certs::detail {

KeyInfo describe_key(const EVP_PKEY* key);

}  // namespace credsvc::certs::detail
