#pragma once
// Internal: one-line RFC 2253 rendering of an X509_NAME.

#include <openssl/types.h>

#include <string>

namespace credsvc::certs::detail {

std::string name_to_string(const X509_NAME* name);

}  // namespace credsvc::certs::detail
