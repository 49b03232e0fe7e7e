#include "auth/auth_outcome.hpp"

namespace credsvc::auth {

std::string_view to_string(AuthStatus status) noexcept {
  switch (status) {
    case AuthStatus::ok: return "ok";
    case AuthStatus::missing_credentials: return "missing_credentials";
    case AuthStatus::unknown_user: return "unknown_user";
    case AuthStatus::wrong_password: return "wrong_password";
    case AuthStatus::stale_nonce: return "stale_nonce";
    case AuthStatus::invalid_nonce: return "invalid_nonce";
    case AuthStatus::replayed_nonce_count: return "replayed_nonce_count";
    case AuthStatus::realm_mismatch: return "realm_mismatch";
    case AuthStatus::uri_mismatch: return "uri_mismatch";
    case AuthStatus::unsupported_algorithm: return "unsupported_algorithm";
    case AuthStatus::malformed: return "malformed";
    case AuthStatus::throttled: return "throttled";
    case AuthStatus::disabled_user: return "disabled_user";
  }
  return "unknown";
}

bool Outcome::wants_challenge() const noexcept {
  switch (status) {
    case AuthStatus::missing_credentials:
    case AuthStatus::unknown_user:
    case AuthStatus::wrong_password:
    case AuthStatus::stale_nonce:
    case AuthStatus::invalid_nonce:
    case AuthStatus::replayed_nonce_count:
    case AuthStatus::realm_mismatch:
    case AuthStatus::unsupported_algorithm:
      return true;
    case AuthStatus::ok:
    case AuthStatus::uri_mismatch:
    case AuthStatus::malformed:
    case AuthStatus::throttled:
    case AuthStatus::disabled_user:
      return false;
  }
  return false;
}

int Outcome::response_code(bool proxy) const noexcept {
  if (wants_challenge()) return proxy ? 407 : 401;
  switch (status) {
    case AuthStatus::ok: return 0;
    case AuthStatus::uri_mismatch:
    case AuthStatus::malformed: return 400;
    case AuthStatus::disabled_user: return 403;
    case AuthStatus::throttled: return 503;
    default: return proxy ? 407 : 401;
  }
}

}  // namespace credsvc::auth
