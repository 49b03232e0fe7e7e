#pragma once
// Verifies RFC 8224 Identity headers carrying ES256 PASSporTs (RFC 8225,
// SHAKEN RFC 8588). Like Rfc4474Verifier, in two steps so the caller fetches
// the certificate: precheck() gives the URL (info, else x5u), verify() takes
// the fetched chain.
//
// Checks, each with its own Failure (see verify_failure.hpp):
//   size within max_identity_size (438 oversized); header grammar (438);
//   three base64url parts, JSON with the right types, required claims (438);
//   alg ES256 in the PASSporT and in the alg parameter (437);
//   typ "passport", ppt as configured and matching the ppt parameter (438);
//   x5u/info https, equal to each other, host on the allow-list (436);
//   iat no more than max_age from now, either way (403 Stale Date);
//   certificate fetched (436), chain to a trust anchor, leaf key P-256, iat
//   within the leaf's validity (437); signature (438).
// For SIP requests also: orig/dest against P-Asserted-Identity/From and To
// (438), and the compact form rebuilt from the request.
// Not checked: the TNAuthList extension of STIR certificates (RFC 8226), and
// replays (a fresh iat bounds them; RFC 8224 §12.1 leaves the rest to the
// caller's dialog state).

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "certs/certificate.hpp"
#include "identity/certificate_fetch.hpp"
#include "identity/https_url.hpp"
#include "identity/passport_jws.hpp"
#include "identity/verify_result.hpp"
#include "sip/message.hpp"

namespace credsvc::identity {

struct PassportVerifyOptions {
  // RFC 8224 §6.2.1 recommends 60 s for iat freshness.
  std::chrono::seconds max_age{60};
  // The ppt every accepted PASSporT must carry; nullopt: base PASSporTs (no ppt).
  std::optional<std::string> ppt = std::string("shaken");
  // Hosts x5u/info may point at; empty only with allow_any_x5u_host (see
  // Rfc4474VerifyOptions::allowed_info_hosts for why).
  std::vector<std::string> allowed_x5u_hosts;
  bool allow_any_x5u_host = false;
  std::vector<certs::Certificate> trust_anchors;  // must not be empty
  std::size_t max_identity_size = kDefaultMaxPassportSize;
  // For requests: orig/dest must name the request's originator and To.
  bool check_request_identity = true;
};

struct PassportPrecheck {
  std::string url;  // the certificate to fetch (info, else x5u)
  HttpsUrl parsed_url;
  DecodedPassport passport;
};

struct PassportVerifyResult {
  VerifyResult result;
  std::optional<DecodedPassport> passport;  // on success
  [[nodiscard]] bool ok() const noexcept { return result.ok(); }
};

class PassportVerifier {
 public:
  using time_point = std::chrono::system_clock::time_point;

  // Throws std::invalid_argument for empty trust anchors or an empty host
  // allow-list without allow_any_x5u_host.
  explicit PassportVerifier(PassportVerifyOptions options);

  [[nodiscard]] const PassportVerifyOptions& options() const noexcept { return options_; }

  // One Identity header value: "<jws>;info=<url>;alg=ES256;ppt=shaken", or a
  // bare JWS. `reconstructed` rebuilds a compact form's payload.
  [[nodiscard]] Checked<PassportPrecheck> precheck(std::string_view identity_value, time_point now,
                                                   const PassportClaims* reconstructed = nullptr) const;
  [[nodiscard]] PassportVerifyResult verify(std::string_view identity_value,
                                            std::span<const certs::Certificate> chain, time_point now,
                                            const PassportClaims* reconstructed = nullptr) const;

  // A request: the Identity header whose PASSporT passes the precheck (when
  // there are several, one per ppt), the compact form rebuilt from the
  // request, and orig/dest compared with the request.
  [[nodiscard]] Checked<PassportPrecheck> precheck(const sip::Message& msg, time_point now) const;
  [[nodiscard]] PassportVerifyResult verify(const sip::Message& msg, std::span<const certs::Certificate> chain,
                                            time_point now) const;
  // precheck, fetch, verify; `done` runs once. The verifier must outlive the fetch.
  void verify_async(sip::Message msg, time_point now, const CertificateFetch& fetch,
                    std::function<void(PassportVerifyResult)> done) const;

 private:
  PassportVerifyResult verify_prechecked(const PassportPrecheck& pre, std::span<const certs::Certificate> chain,
                                         time_point now) const;

  PassportVerifyOptions options_;
};

}  // namespace credsvc::identity
