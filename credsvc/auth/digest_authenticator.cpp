#include "auth/digest_authenticator.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <strings.h>

#include "auth/digest_challenge.hpp"
#include "auth/digest_verifier.hpp"

namespace credsvc::auth {
namespace {

DigestOptions validated(DigestOptions o) {
  if (o.algorithms.empty()) throw std::invalid_argument("digest: no algorithm to offer");
  for (auto it = o.algorithms.begin(); it != o.algorithms.end(); ++it) {
    if (std::find(std::next(it), o.algorithms.end(), *it) != o.algorithms.end()) {
      throw std::invalid_argument("digest: algorithm listed twice");
    }
  }
  for (const char c : o.opaque) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) throw std::invalid_argument("digest: control character in opaque");
  }
  return o;
}

NonceService::Limits nonce_limits(const DigestOptions& o) { return {o.nonce_lifetime, o.max_clock_skew}; }

FailureThrottle::Limits throttle_limits(const DigestOptions& o) {
  return {o.max_failures, o.failure_window, o.lockout, o.throttle_capacity};
}

// The throttle key of an account. The realm is ours and holds no NUL, so the
// first NUL separates it from the username whatever bytes that holds.
std::string account_key(std::string_view realm, std::string_view username) {
  std::string key;
  key.reserve(realm.size() + 1 + username.size());
  key.append(realm).push_back('\0');
  key.append(username);
  return key;
}

Outcome outcome(AuthStatus status, std::string reason) {
  Outcome o;
  o.status = status;
  o.reason = std::move(reason);
  return o;
}

Outcome outcome(AuthStatus status, std::string reason, const DigestCredentials& c) {
  Outcome o = outcome(status, std::move(reason));
  o.username = c.username;
  o.algorithm = c.algorithm;
  return o;
}

Outcome throttled_outcome(std::chrono::seconds retry_after, const DigestCredentials* c) {
  Outcome o = c != nullptr ? outcome(AuthStatus::throttled, "too many failed attempts", *c)
                           : outcome(AuthStatus::throttled, "too many failed attempts from this address");
  o.retry_after = retry_after;
  return o;
}

// The auth-scheme of a header line that did not parse.
bool starts_with_digest_scheme(std::string_view line) noexcept {
  const auto start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  const std::string_view scheme = line.substr(0, line.find_first_of(" \t"));
  return scheme.size() == 6 && ::strncasecmp(scheme.data(), "Digest", 6) == 0;
}

bool is_lower_hex(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

const std::string& UserHa1::for_algorithm(DigestAlgorithm algorithm) const noexcept {
  switch (algorithm) {
    case DigestAlgorithm::md5: return ha1_md5;
    case DigestAlgorithm::sha256: return ha1_sha256;
    case DigestAlgorithm::sha512_256: return ha1_sha512_256;
  }
  return ha1_md5;
}

DigestAuthenticator::DigestAuthenticator(DigestOptions options)
    : options_(validated(std::move(options))),
      nonces_(nonce_limits(options_)),
      nonce_counts_(options_.replay_cache_capacity, options_.nonce_lifetime),
      account_failures_(throttle_limits(options_)),
      address_failures_(throttle_limits(options_)) {}

DigestAuthenticator::DigestAuthenticator(DigestOptions options, std::string_view nonce_secret)
    : options_(validated(std::move(options))),
      nonces_(nonce_secret, nonce_limits(options_)),
      nonce_counts_(options_.replay_cache_capacity, options_.nonce_lifetime),
      account_failures_(throttle_limits(options_)),
      address_failures_(throttle_limits(options_)) {}

std::vector<std::string> DigestAuthenticator::challenges(std::string_view realm, TimePoint now, bool stale) const {
  const std::string nonce = nonces_.issue(realm, now);
  const ChallengeParams params{realm, nonce, options_.opaque, stale};
  return build_digest_challenges(params, options_.algorithms);
}

std::string_view DigestAuthenticator::challenge_header_name() const noexcept {
  return options_.proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
}

std::string_view DigestAuthenticator::credentials_header_name() const noexcept {
  return options_.proxy ? "Proxy-Authorization" : "Authorization";
}

std::optional<std::chrono::seconds> DigestAuthenticator::throttled(std::string_view account,
                                                                   std::string_view source_address,
                                                                   TimePoint now) {
  std::optional<std::chrono::seconds> wait;
  if (!account.empty()) wait = account_failures_.locked_out(account, now);
  if (!source_address.empty()) {
    if (const auto by_address = address_failures_.locked_out(source_address, now)) {
      wait = wait ? std::max(*wait, *by_address) : *by_address;
    }
  }
  return wait;
}

void DigestAuthenticator::record_failure(const PendingCheck& pending, TimePoint now) {
  account_failures_.record_failure(account_key(pending.realm(), pending.username()), now);
  if (!pending.source_address_.empty()) address_failures_.record_failure(pending.source_address_, now);
}

PrecheckResult DigestAuthenticator::parse_and_precheck(const sip::Message& request, std::string_view realm,
                                                       TimePoint now, std::string_view source_address) {
  // A locked-out address is refused whatever it sends.
  if (const auto wait = throttled({}, source_address, now)) return throttled_outcome(*wait, nullptr);

  // RFC 3261 §22.4: a request may carry credentials for several realms; use
  // the first Digest credentials for ours. Lines of other schemes are
  // skipped even when they do not fit the SIP grammar (HTTP token68 forms
  // such as Basic): they are not ours to judge.
  const auto id = options_.proxy ? sip::HeaderId::ProxyAuthorization : sip::HeaderId::Authorization;
  std::optional<sip::AuthHeader> chosen;
  bool any_digest = false;
  for (const std::string_view line : request.headers(id)) {
    auto h = sip::parse_auth_header(line);
    if (!h) {
      if (!starts_with_digest_scheme(line)) continue;
      return outcome(AuthStatus::malformed,
                     "Malformed " + std::string(credentials_header_name()) + " header: " + h.error());
    }
    if (!h->is_digest()) continue;
    any_digest = true;
    const auto their_realm = h->params.value("realm");
    if (!their_realm) return outcome(AuthStatus::malformed, "Digest credentials without realm");
    if (*their_realm == realm) {
      chosen = std::move(*h);
      break;
    }
  }
  if (!chosen) {
    return any_digest ? outcome(AuthStatus::realm_mismatch, "credentials are for another realm")
                      : outcome(AuthStatus::missing_credentials, "no Digest credentials");
  }

  CredentialsParse parsed = parse_digest_credentials(*chosen);
  if (!parsed.credentials) {
    Outcome o = outcome(parsed.status, std::move(parsed.reason));
    if (const auto user = chosen->params.value("username")) o.username = std::string(*user);
    return o;
  }
  PendingCheck pending;
  pending.credentials_ = std::move(*parsed.credentials);
  const DigestCredentials& c = pending.credentials_;

  if (std::find(options_.algorithms.begin(), options_.algorithms.end(), c.algorithm) ==
      options_.algorithms.end()) {
    return outcome(AuthStatus::unsupported_algorithm, "algorithm not offered by this server", c);
  }
  if (c.qop.empty() && !options_.allow_rfc2069) {
    return outcome(AuthStatus::unsupported_algorithm, "RFC 2069 digest (no qop) not accepted", c);
  }
  if (const auto wait = throttled(account_key(c.realm, c.username), {}, now)) return throttled_outcome(*wait, &c);
  if (options_.check_digest_uri && !digest_uri_matches(c.digest_uri, request)) {
    return outcome(AuthStatus::uri_mismatch, "digest-uri does not match the Request-URI", c);
  }
  if (!options_.opaque.empty() && c.opaque != options_.opaque) {
    return outcome(AuthStatus::invalid_nonce, "opaque differs from the challenge's", c);
  }

  const NonceCheck nonce = nonces_.check(c.nonce, realm, now);
  switch (nonce.state) {
    case NonceState::invalid:
      return outcome(AuthStatus::invalid_nonce, std::string(nonce.reason), c);
    case NonceState::stale:
      if (!options_.stale_needs_password) return outcome(AuthStatus::stale_nonce, std::string(nonce.reason), c);
      pending.nonce_stale_ = true;
      break;
    case NonceState::valid:
      if (!c.qop.empty()) {
        switch (nonce_counts_.peek(c.nonce, nonce.issued, c.nc)) {
          case NonceCountVerdict::replayed:
            return outcome(AuthStatus::replayed_nonce_count, "nonce-count not above the highest seen", c);
          case NonceCountVerdict::forgotten:  // finish() answers stale once the password is right
          case NonceCountVerdict::fresh:
            break;
        }
      }
      break;
  }
  pending.nonce_issued_ = nonce.issued;
  pending.method_ = std::string(request.method_name());
  pending.source_address_ = std::string(source_address);
  return pending;
}

Outcome DigestAuthenticator::finish(const PendingCheck& pending, const std::optional<UserHa1>& ha1, TimePoint now) {
  const DigestCredentials& c = pending.credentials_;
  const std::string account = account_key(c.realm, c.username);
  // Failures recorded while the store was being asked count too.
  if (const auto wait = throttled(account, pending.source_address_, now)) return throttled_outcome(*wait, &c);

  if (!ha1) {
    record_failure(pending, now);
    return outcome(AuthStatus::unknown_user, "no such user in this realm", c);
  }
  std::string stored = ha1->for_algorithm(c.algorithm);
  std::transform(stored.begin(), stored.end(), stored.begin(),
                 [](char ch) { return ch >= 'A' && ch <= 'F' ? static_cast<char>(ch - 'A' + 'a') : ch; });
  if (stored.empty()) {
    return outcome(AuthStatus::unsupported_algorithm, "no HA1 of this algorithm stored for the user", c);
  }
  if (stored.size() != hex_length(c.algorithm) || !is_lower_hex(stored)) {
    return outcome(AuthStatus::unsupported_algorithm, "stored HA1 is not a hex digest of this algorithm", c);
  }
  const bool right = response_matches(c, pending.method_, stored);
  OPENSSL_cleanse(stored.data(), stored.size());
  if (!right) {
    record_failure(pending, now);
    return outcome(AuthStatus::wrong_password, "response does not match", c);
  }
  // The password is right from here on.
  if (!ha1->enabled) return outcome(AuthStatus::disabled_user, "account disabled", c);
  if (pending.nonce_stale_) return outcome(AuthStatus::stale_nonce, "nonce expired", c);
  if (!c.qop.empty()) {
    switch (nonce_counts_.record(c.nonce, pending.nonce_issued_, c.nc, now)) {
      case NonceCountVerdict::replayed:
        return outcome(AuthStatus::replayed_nonce_count, "nonce-count not above the highest seen", c);
      case NonceCountVerdict::forgotten:
        return outcome(AuthStatus::stale_nonce, "nonce-count state for this nonce was evicted", c);
      case NonceCountVerdict::fresh:
        break;
    }
  }
  account_failures_.clear(account);
  Outcome o = outcome(AuthStatus::ok, {}, c);
  o.aor = ha1->aor.empty() ? c.username : ha1->aor;
  return o;
}

Outcome DigestAuthenticator::check(const sip::Message& request, std::string_view realm, const Ha1Lookup& lookup,
                                   TimePoint now, std::string_view source_address) {
  PrecheckResult pre = parse_and_precheck(request, realm, now, source_address);
  if (auto* early = std::get_if<Outcome>(&pre)) return std::move(*early);
  const auto& pending = std::get<PendingCheck>(pre);
  return finish(pending, lookup(pending), now);
}

}  // namespace credsvc::auth
