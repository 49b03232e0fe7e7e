#include "ua/digest_client.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace credsvc::ua {
namespace {

// Strongest first.
constexpr std::array kPreference = {auth::DigestAlgorithm::sha512_256, auth::DigestAlgorithm::sha256,
                                    auth::DigestAlgorithm::md5};

int rank(auth::DigestAlgorithm a) {
  return static_cast<int>(std::find(kPreference.begin(), kPreference.end(), a) - kPreference.begin());
}

}  // namespace

sip::Result<DigestChallenge> choose_challenge(const std::vector<sip::AuthHeader>& challenges) {
  std::optional<DigestChallenge> best;
  bool any_digest = false;
  for (const auto& h : challenges) {
    if (!h.is_digest()) continue;
    any_digest = true;
    const auto p = sip::digest_params(h);
    if (!p || !p->realm || !p->nonce) continue;
    // RFC 3261 §22.4 / RFC 2617: an absent algorithm means MD5.
    const auto algorithm = auth::parse_digest_algorithm(p->algorithm.value_or("MD5"));
    if (!algorithm) continue;
    if (std::find(p->qop_options.begin(), p->qop_options.end(), "auth") == p->qop_options.end()) continue;
    if (best && rank(best->algorithm) <= rank(*algorithm)) continue;
    best = DigestChallenge{*algorithm, *p->realm, *p->nonce, p->opaque};
  }
  if (!any_digest) return sip::Result<DigestChallenge>::failure("no Digest challenge");
  if (!best) {
    return sip::Result<DigestChallenge>::failure(
        "no Digest challenge with qop=auth and a supported algorithm (SHA-512-256, SHA-256, MD5)");
  }
  return *best;
}

std::string authorization_value(const DigestChallenge& challenge, const DigestAnswer& answer) {
  char nc[9];
  std::snprintf(nc, sizeof nc, "%08x", static_cast<unsigned>(answer.nc));
  const std::string ha1 = auth::compute_ha1(challenge.algorithm, answer.username, challenge.realm, answer.password);
  auth::DigestResponseInput in;
  in.method = answer.method;
  in.digest_uri = answer.digest_uri;
  in.nonce = challenge.nonce;
  in.nc = nc;
  in.cnonce = answer.cnonce;
  in.qop = "auth";
  const std::string response = auth::compute_response(challenge.algorithm, ha1, in);

  sip::AuthHeader h;
  h.scheme = "Digest";
  // RFC 7616 §3.4: these are quoted-strings; algorithm, qop and nc are tokens.
  h.params.set("username", std::string(answer.username), true);
  h.params.set("realm", challenge.realm, true);
  h.params.set("nonce", challenge.nonce, true);
  h.params.set("uri", std::string(answer.digest_uri), true);
  h.params.set("response", response, true);
  h.params.set("algorithm", std::string(auth::to_string(challenge.algorithm)));
  h.params.set("qop", "auth");
  h.params.set("nc", nc);
  h.params.set("cnonce", std::string(answer.cnonce), true);
  if (challenge.opaque) h.params.set("opaque", *challenge.opaque, true);
  return sip::to_string(h);
}

}  // namespace credsvc::ua
