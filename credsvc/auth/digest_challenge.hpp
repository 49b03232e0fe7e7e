// WWW-Authenticate / Proxy-Authenticate values (RFC 3261 §22.1, RFC 7616
// §3.3). RFC 7616 §3.7 / RFC 8760 §2: the server offers one challenge per
// algorithm, in its order of preference; the UA uses the first it supports.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/digest_algorithm.hpp"

namespace credsvc::auth {

struct ChallengeParams {
  std::string_view realm;
  std::string_view nonce;
  std::string_view opaque;  // omitted when empty
  bool stale = false;       // stale=true: the last nonce expired but the password was right
};

// Digest realm="...", nonce="..."[, opaque="..."][, stale=true], algorithm=X, qop="auth"
// Throws std::invalid_argument when realm, nonce or opaque holds a control
// character (a configuration error; it would break the header).
std::string build_digest_challenge(const ChallengeParams& params, DigestAlgorithm algorithm);

// One value per algorithm, in the order given (strongest first).
std::vector<std::string> build_digest_challenges(const ChallengeParams& params,
                                                 std::span<const DigestAlgorithm> algorithms);

}  // namespace credsvc::auth
