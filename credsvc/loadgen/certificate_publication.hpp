// A PUBLISH of a fresh self-signed certificate for an AOR (RFC 6072 §10.6:
// a new P-256 key each time, so a revoked key is never offered again).
#pragma once

#include <chrono>

#include "ua/aor_parts.hpp"
#include "ua/publish_request.hpp"

namespace credsvc::loadgen {

ua::PublishSpec fresh_certificate_publication(const ua::AorParts& aor, std::chrono::system_clock::time_point now);

}  // namespace credsvc::loadgen
