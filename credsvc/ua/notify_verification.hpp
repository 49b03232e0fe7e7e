#pragma once
// RFC 6072 §10.3: whether the certificate in a NOTIFY may be used for the
// AOR subscribed to. A pure function: the identity certificate chain named
// by Identity-Info is fetched by the caller and passed in.
//
// Checks, in order; the first that fails is reported:
//   1. the NOTIFY's From names the AOR subscribed to (sip: and sips: alike);
//   2. the Identity header is valid (RFC 4474 §6: signature over From, To,
//      Call-ID, CSeq, Date, Contact and the body; the signer's certificate
//      chains to a trust anchor and names the From's domain; Identity-Info
//      on the allow-list; Date fresh);
//   -  the body holds a certificate (an empty body: the AOR has none);
//   3. the certificate is valid now (notBefore and notAfter);
//   4. a SubjectAltName URI of the certificate names the asserted AOR (the
//      From). The certificate is then for that AOR only, never for its
//      other SANs: the verdict carries that one AOR.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "certs/bytes.hpp"
#include "certs/certificate.hpp"
#include "identity/verify_failure.hpp"
#include "sip/message.hpp"

namespace credsvc::ua {

enum class NotifyCheck {
  none,
  not_a_notify,        // not a NOTIFY request with a From
  from_mismatch,       // 1
  identity_invalid,    // 2
  no_certificate,      // empty body
  malformed_body,      // not application/pkix-cert DER (or the credential multipart)
  not_yet_valid,       // 3
  expired,             // 3
  aor_not_named,       // 4
};

// "from_mismatch", ... for logs and tests.
std::string_view to_string(NotifyCheck check) noexcept;

struct NotifyTrust {
  std::vector<certs::Certificate> trust_anchors;  // must not be empty
  // Hosts Identity-Info may name (the AOR's domain, and any --resolve hosts).
  std::vector<std::string> allowed_info_hosts;    // must not be empty
  std::chrono::seconds date_window{600};          // RFC 4474 §13.1 freshness
};

struct NotifyVerdict {
  NotifyCheck failed = NotifyCheck::none;
  std::string reason;  // one line naming the failed check; empty when ok
  identity::Failure identity_failure = identity::Failure::none;  // for identity_invalid
  std::string asserted_aor;  // canonical AOR of the From, once check 1 passed
  std::optional<certs::Certificate> certificate;  // the verified certificate, when ok
  std::optional<certs::Bytes> pkcs8_der;  // credential NOTIFYs: the key part as received (not checked here)

  [[nodiscard]] bool ok() const noexcept { return failed == NotifyCheck::none; }
};

// The Identity-Info URL of `notify`, to fetch the chain from; nullopt when
// absent or malformed (verify_notify then names the fault).
std::optional<std::string> identity_info_url(const sip::Message& notify);

// `identity_chain`: what the Identity-Info URL served, leaf first; empty when
// it could not be fetched (reported as an invalid Identity). Throws
// std::invalid_argument when `trust` has no anchors or no allowed hosts.
NotifyVerdict verify_notify(const sip::Message& notify, std::string_view subscribed_aor,
                            std::span<const certs::Certificate> identity_chain, const NotifyTrust& trust,
                            std::chrono::system_clock::time_point now);

}  // namespace credsvc::ua
