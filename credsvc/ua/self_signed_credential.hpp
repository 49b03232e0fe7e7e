#pragma once
// A fresh key pair and self-signed certificate for a user (RFC 6072 §10.6):
// issuer = subject, subjectAltName URI = the SIP URI of the AOR, CA:FALSE,
// validity at most one year, shortened by a random jitter of up to 30 days
// so that certificates issued together do not all expire together. No I/O.

#include <chrono>
#include <string>

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"

namespace credsvc::ua {

enum class GeneratedKeyType { p256, rsa2048 };

// "p256" / "rsa2048" (the --key-type values).
GeneratedKeyType parse_generated_key_type(const std::string& text);  // throws std::invalid_argument

inline constexpr std::chrono::seconds kMaxValidity = std::chrono::hours(24 * 365);
inline constexpr std::chrono::seconds kMaxJitter = std::chrono::hours(24 * 30);
// notBefore lies this far before `now`, for peers whose clocks run behind.
inline constexpr std::chrono::seconds kBackdate = std::chrono::minutes(5);

struct SelfSignedRequest {
  std::string aor;  // canonical "alice@example.test"
  GeneratedKeyType key_type = GeneratedKeyType::p256;
  std::chrono::system_clock::time_point now;
  std::chrono::seconds jitter{0};  // 0..kMaxJitter (random_validity_jitter())
};

struct SelfSignedCredential {
  certs::PrivateKey key;
  certs::Certificate certificate;
};

// notBefore = now - kBackdate, notAfter = notBefore + kMaxValidity - jitter.
// Throws std::invalid_argument for a jitter outside 0..kMaxJitter or a bad AOR.
SelfSignedCredential generate_self_signed(const SelfSignedRequest& request);

// Uniform in 0..kMaxJitter, whole seconds, from OpenSSL's CSPRNG.
std::chrono::seconds random_validity_jitter();

}  // namespace credsvc::ua
