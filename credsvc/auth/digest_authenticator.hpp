// SIP Digest authentication of requests (RFC 3261 §22, RFC 7616, RFC 8760).
//
// Flow. The HA1 lives in the store, which is reached asynchronously, so a
// check is split in two steps around the fetch:
//
//   auto pre = auth.parse_and_precheck(request, realm, now, peer_address);
//   if (auto* early = std::get_if<Outcome>(&pre)) {
//     respond(*early);                       // no store access needed
//   } else {
//     auto& pending = std::get<PendingCheck>(pre);
//     // fetch HA1 for pending.username() / pending.realm(); pending.algorithm()
//     // names the HA1 that will be used. Off the I/O thread, then back:
//     Outcome out = auth.finish(pending, fetched_ha1_or_nullopt, now2);
//     respond(out);
//   }
//
// respond(): out.ok() → proceed as out.aor; out.wants_challenge() → answer
// out.response_code(proxy) (401/407) with one challenge_header_name() header
// per value of challenges(realm, now, out.stale()); throttled → 503 with
// Retry-After: out.retry_after (or 403); malformed / uri_mismatch → 400 with
// out.reason; disabled_user → 403. Answer unknown_user exactly like
// wrong_password so the wire does not reveal which accounts exist; log
// to_string(out.status) and out.reason.
//
// check() does both steps with a synchronous lookup (tests, tools).
//
// Step 1 (parse_and_precheck) refuses, without the store: a throttled source
// address or account, missing / malformed credentials, credentials for
// another realm only, an algorithm or qop not offered, userhash, a
// digest-uri that is not the Request-URI, a forged / foreign nonce, a
// changed opaque, a replayed nonce-count.
// Step 2 (finish) compares the response with the stored HA1 in constant time;
// only then are stale nonces reported (RFC 7616 §3.3: stale=true only when
// the digest was valid; set stale_needs_password=false to report them in
// step 1), the nonce-count recorded, the failure counters moved.
//
// Thread-safe: one instance serves every thread. Nothing here does I/O or
// reads a clock: `now` is always an argument.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "auth/auth_clock.hpp"
#include "auth/auth_outcome.hpp"
#include "auth/digest_algorithm.hpp"
#include "auth/digest_credentials.hpp"
#include "auth/failure_throttle.hpp"
#include "auth/nonce_count_tracker.hpp"
#include "auth/nonce_service.hpp"
#include "sip/message.hpp"

namespace credsvc::auth {

// What the store holds for one user: HA1 = H(username:realm:password) in
// lower-case hex for each algorithm (empty when not stored).
struct UserHa1 {
  std::string ha1_md5;
  std::string ha1_sha256;
  std::string ha1_sha512_256;
  bool enabled = true;
  std::string aor;  // optional: the account's AOR, reported by an ok Outcome

  [[nodiscard]] const std::string& for_algorithm(DigestAlgorithm algorithm) const noexcept;
};

struct DigestOptions {
  // Offered strongest first (RFC 7616 §3.7); credentials using any other are refused.
  std::vector<DigestAlgorithm> algorithms{DigestAlgorithm::sha512_256, DigestAlgorithm::sha256,
                                          DigestAlgorithm::md5};
  std::chrono::seconds nonce_lifetime{300};
  std::chrono::seconds max_clock_skew{30};  // nonces from up to this far ahead are accepted
  std::size_t replay_cache_capacity = 65536;  // nonces whose highest nc is kept
  std::size_t max_failures = 5;               // failures within failure_window lock a key out
  std::chrono::seconds failure_window{60};
  std::chrono::seconds lockout{60};
  std::size_t throttle_capacity = 16384;  // keys per table (accounts; source addresses)
  // Accept RFC 2069 responses (no qop, hence no nonce-count): replays within
  // the nonce lifetime then go undetected.
  bool allow_rfc2069 = false;
  bool check_digest_uri = true;       // RFC 3261 §22.4: SHOULD
  bool stale_needs_password = true;   // RFC 7616 §3.3 (see above)
  // Proxy-Authorization / Proxy-Authenticate / 407 instead of
  // Authorization / WWW-Authenticate / 401.
  bool proxy = false;
  // Sent in every challenge when not empty; credentials must return it unchanged.
  std::string opaque;
};

// The result of step 1 when the store must be asked. Copyable; holds no
// reference into the request.
class PendingCheck {
 public:
  // Fetch the HA1 of this user in this realm.
  [[nodiscard]] const std::string& username() const noexcept { return credentials_.username; }
  [[nodiscard]] const std::string& realm() const noexcept { return credentials_.realm; }
  // The HA1 that finish() will use (the others may be left empty).
  [[nodiscard]] DigestAlgorithm algorithm() const noexcept { return credentials_.algorithm; }
  [[nodiscard]] const std::string& source_address() const noexcept { return source_address_; }

 private:
  friend class DigestAuthenticator;
  DigestCredentials credentials_;
  std::string method_;
  std::string source_address_;
  TimePoint nonce_issued_{};
  bool nonce_stale_ = false;
};

using PrecheckResult = std::variant<Outcome, PendingCheck>;

// Synchronous HA1 lookup for check(): nullopt when there is no such user.
using Ha1Lookup = std::function<std::optional<UserHa1>(const PendingCheck&)>;

class DigestAuthenticator {
 public:
  // A random nonce secret: nonces are good on this instance only.
  explicit DigestAuthenticator(DigestOptions options = {});
  // A shared nonce secret (at least 16 bytes) for instances behind a load
  // balancer. Throws std::invalid_argument on a bad option or secret.
  DigestAuthenticator(DigestOptions options, std::string_view nonce_secret);

  // Header values to append, one per algorithm, strongest first, sharing one
  // fresh nonce. Throws std::invalid_argument when the realm holds a control character.
  [[nodiscard]] std::vector<std::string> challenges(std::string_view realm, TimePoint now,
                                                    bool stale = false) const;
  [[nodiscard]] std::string_view challenge_header_name() const noexcept;  // WWW-/Proxy-Authenticate
  [[nodiscard]] std::string_view credentials_header_name() const noexcept;  // (Proxy-)Authorization

  // Step 1. `realm` is the domain's realm; `source_address` keys the
  // per-address throttle (empty: no per-address throttling).
  [[nodiscard]] PrecheckResult parse_and_precheck(const sip::Message& request, std::string_view realm,
                                                  TimePoint now, std::string_view source_address);
  // Step 2. `ha1`: what the store has for pending.username() in pending.realm(),
  // nullopt when no such user.
  [[nodiscard]] Outcome finish(const PendingCheck& pending, const std::optional<UserHa1>& ha1, TimePoint now);

  // Both steps, with a synchronous lookup (called only when step 1 needs it).
  [[nodiscard]] Outcome check(const sip::Message& request, std::string_view realm, const Ha1Lookup& lookup,
                              TimePoint now, std::string_view source_address);

  [[nodiscard]] const DigestOptions& options() const noexcept { return options_; }
  // Current table sizes (each bounded by its capacity option).
  [[nodiscard]] std::size_t tracked_nonces() const { return nonce_counts_.size(); }
  [[nodiscard]] std::size_t tracked_accounts() const { return account_failures_.size(); }
  [[nodiscard]] std::size_t tracked_addresses() const { return address_failures_.size(); }

 private:
  [[nodiscard]] std::optional<std::chrono::seconds> throttled(std::string_view account_key,
                                                              std::string_view source_address, TimePoint now);
  void record_failure(const PendingCheck& pending, TimePoint now);

  DigestOptions options_;
  NonceService nonces_;
  NonceCountTracker nonce_counts_;
  FailureThrottle account_failures_;
  FailureThrottle address_failures_;
};

}  // namespace credsvc::auth
