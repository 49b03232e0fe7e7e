// Stateless Digest nonces (RFC 7616 §3.3 leaves the construction to the
// server; RFC 3261 §22.4 asks that a nonce be hard to forge and bound to the
// server). A nonce is
//
//   base64url( ts || rnd || mac )                 43 characters, no padding
//   ts  = issue time, milliseconds since the Unix epoch, 8 bytes big-endian
//   rnd = 8 bytes from RAND_bytes
//   mac = HMAC-SHA256(secret, "credsvc-digest-nonce-v1" || ts || rnd || realm),
//         first 16 bytes
//
// so the server keeps no per-nonce state to validate one: it recomputes the
// MAC (compared with CRYPTO_memcmp), which also binds the nonce to the realm
// it was issued for, then judges its age. Instances sharing the secret accept
// each other's nonces. Replays within the lifetime are the business of
// NonceCountTracker.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "auth/auth_clock.hpp"

namespace credsvc::auth {

enum class NonceState {
  valid,    // ours, for this realm, younger than the lifetime
  stale,    // ours and for this realm, but older than the lifetime (→ stale=true)
  invalid,  // not ours: bad encoding, MAC mismatch (forged, other realm, other secret), or from the future
};

struct NonceCheck {
  NonceState state = NonceState::invalid;
  TimePoint issued{};       // meaningful unless invalid
  std::string_view reason;  // static text for logs; empty when valid
};

class NonceService {
 public:
  static constexpr std::size_t kSecretSize = 32;     // generated secrets
  static constexpr std::size_t kMinSecretSize = 16;  // given secrets

  struct Limits {
    std::chrono::seconds lifetime{300};
    // Nonces stamped up to this far in the future are accepted: another
    // instance's clock may run ahead of ours.
    std::chrono::seconds max_clock_skew{30};
  };

  // A fresh random secret (kSecretSize bytes): nonces are valid on this
  // instance only, and not after a restart.
  explicit NonceService(Limits limits);
  // A shared secret (at least kMinSecretSize bytes), so several instances
  // accept each other's nonces. Throws std::invalid_argument when too short
  // or when a limit is not positive.
  NonceService(std::string_view secret, Limits limits);
  ~NonceService();
  NonceService(const NonceService&) = delete;
  NonceService& operator=(const NonceService&) = delete;

  // Thread-safe.
  [[nodiscard]] std::string issue(std::string_view realm, TimePoint now) const;
  [[nodiscard]] NonceCheck check(std::string_view nonce, std::string_view realm, TimePoint now) const;

  [[nodiscard]] const Limits& limits() const noexcept { return limits_; }

  // kSecretSize bytes from the OpenSSL CSPRNG.
  static std::string generate_secret();

 private:
  struct MacContext;
  [[nodiscard]] std::string mac(std::string_view ts_and_random, std::string_view realm) const;

  Limits limits_;
  std::unique_ptr<MacContext> mac_;  // keyed HMAC template, duplicated per call
};

}  // namespace credsvc::auth
