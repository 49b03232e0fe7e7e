#pragma once
// The verifier of RFC 4474 §6 for requests that carry an Identity signature
// (credsvc's own NOTIFYs as a UA sees them, `credsvc fetch`, and peers).
//
// Two steps, so the certificate can be fetched asynchronously by the caller:
//   precheck(msg)            everything that needs no certificate; gives the
//                            Identity-Info URL to fetch
//   verify(msg, chain, now)  the full check with the fetched certificates
// or verify_async(), which does both around a CertificateFetch.
//
// Checks, in order, each with its own Failure (see verify_failure.hpp):
//   Identity present (428) and a quoted base64 signature (438);
//   Identity-Info present and well formed, https, host on the allow-list (436);
//   alg supported: rsa-sha256, and rsa-sha1 (also the RFC 4474 §9 default when
//   alg is absent) unless refused by the options (437);
//   Date present (403) and within the window of `now` (403 Stale Date, §13.1);
//   From, To, Call-ID, CSeq usable for the digest-string (438);
//   certificate fetched (436), chain verifies to a trust anchor at `now`,
//   leaf key RSA >= 2048 bits, leaf names the From domain, Date within the
//   leaf's validity (437, §6 steps 1, 2 and 4);
//   signature over the digest-string (438, §6 step 3);
//   not a replay of a request already verified within the window (403).

#include <chrono>
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "identity/certificate_fetch.hpp"
#include "identity/https_url.hpp"
#include "identity/replay_cache.hpp"
#include "identity/rfc4474_algorithm.hpp"
#include "identity/verify_failure.hpp"
#include "identity/verify_result.hpp"
#include "sip/message.hpp"

namespace credsvc::identity {

struct Rfc4474VerifyOptions {
  // How far Date may be from now, either way.
  std::chrono::seconds date_window{600};
  // Hosts Identity-Info may point at (case-insensitive, exact). The list may
  // only be empty when allow_any_info_host is set: fetching whatever URL a
  // request names is a request-forgery risk, so it has to be asked for.
  std::vector<std::string> allowed_info_hosts;
  bool allow_any_info_host = false;
  // Anchors for the certificate chain; must not be empty.
  std::vector<certs::Certificate> trust_anchors;
  // Verified requests remembered for replay detection; 0 turns it off.
  std::size_t max_replay_entries = 100000;
  bool accept_rsa_sha1 = true;
};

struct Rfc4474Precheck {
  std::string url;  // the Identity-Info URI, to fetch
  HttpsUrl parsed_url;
  Rfc4474Algorithm alg = Rfc4474Algorithm::rsa_sha256;
  std::string signature;  // decoded
  std::chrono::system_clock::time_point date;
};

class Rfc4474Verifier {
 public:
  // Throws std::invalid_argument for an empty trust-anchor list or an empty
  // host allow-list without allow_any_info_host.
  explicit Rfc4474Verifier(Rfc4474VerifyOptions options);

  [[nodiscard]] const Rfc4474VerifyOptions& options() const noexcept { return options_; }

  [[nodiscard]] Checked<Rfc4474Precheck> precheck(const sip::Message& msg,
                                                  std::chrono::system_clock::time_point now) const;

  // `chain`: the certificates fetched from the Identity-Info URL, leaf first.
  // A successful verification is recorded for replay detection.
  VerifyResult verify(const sip::Message& msg, std::span<const certs::Certificate> chain,
                      std::chrono::system_clock::time_point now) const;

  // precheck, fetch, verify; `done` runs exactly once (on the fetcher's thread,
  // or at once when the precheck fails). The verifier must outlive the fetch.
  void verify_async(sip::Message msg, std::chrono::system_clock::time_point now, const CertificateFetch& fetch,
                    std::function<void(VerifyResult)> done) const;

 private:
  Rfc4474VerifyOptions options_;
  mutable ReplayCache replay_;
};

}  // namespace credsvc::identity
