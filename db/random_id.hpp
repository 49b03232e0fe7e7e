// Random lower-case hex names: instance ids, reply channels. Not secrets
// (tokens use OpenSSL's generator, db/api_token.cpp).
#pragma once

#include <cstddef>
#include <string>

namespace credsvc::db {

// 2 × `bytes` hex digits.
std::string random_hex(std::size_t bytes);

}  // namespace credsvc::db
