// What a Digest check concluded, precisely enough for the response and for
// the log. Reasons are static text: they never hold the password, an HA1, a
// response value, or any other client-supplied byte (no log injection).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "auth/digest_algorithm.hpp"

namespace credsvc::auth {

enum class AuthStatus {
  ok,                     // authenticated: Outcome::username / aor
  missing_credentials,    // no Digest credentials at all → challenge
  unknown_user,           // no such user → challenge (answer exactly as for wrong_password)
  wrong_password,         // response mismatch → challenge
  stale_nonce,            // right password, expired nonce → challenge with stale=true
  invalid_nonce,          // not our nonce (forged, other realm/secret, future) or opaque changed → challenge
  replayed_nonce_count,   // nc not above the highest seen for the nonce → challenge with a new nonce
  realm_mismatch,         // credentials for another realm only → challenge
  uri_mismatch,           // digest-uri is not the Request-URI → 400
  unsupported_algorithm,  // algorithm/qop/userhash we do not offer → challenge (lists what we do)
  malformed,              // syntax or a missing parameter → 400 with the reason
  throttled,              // too many failures: refused unchecked → 503 + Retry-After (or 403)
  disabled_user,          // right password, account disabled → 403
};

std::string_view to_string(AuthStatus status) noexcept;

struct Outcome {
  AuthStatus status = AuthStatus::malformed;
  std::string reason;    // one line for logs; empty when ok
  std::string username;  // the credentials' username when known (client text: escape before logging)
  std::string aor;       // ok: the AOR the store gave for the user (or the username if it gave none)
  std::optional<DigestAlgorithm> algorithm;  // when known
  std::chrono::seconds retry_after{0};       // throttled: seconds until the lock-out ends

  [[nodiscard]] bool ok() const noexcept { return status == AuthStatus::ok; }
  // The response should carry fresh challenges (401/407).
  [[nodiscard]] bool wants_challenge() const noexcept;
  // The challenges should say stale=true (RFC 7616 §3.3).
  [[nodiscard]] bool stale() const noexcept { return status == AuthStatus::stale_nonce; }
  // The status code the server should answer with: 401 (407 when `proxy`)
  // for the challenge cases, 400, 403, 503 (throttled, with Retry-After),
  // and 0 for ok.
  [[nodiscard]] int response_code(bool proxy) const noexcept;
};

}  // namespace credsvc::auth
