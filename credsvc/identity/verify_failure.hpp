#pragma once
// Why a signed request was not accepted, and the SIP response that says so.
//
// Status codes (RFC 4474 §14 / RFC 8224 §13):
//   428 Use Identity Header        no Identity header
//   436 Bad Identity-Info          Identity-Info/info missing or malformed, not https,
//                                  host not on the allow-list, certificate not fetchable
//   437 Unsupported Certificate    alg we do not support (RFC 4474 §6: we cannot use the
//       (8224: Unsupported         credential with it), chain not trusted, certificate
//        Credential)               not naming the From domain, wrong key type, Date
//                                  outside the certificate's validity
//   438 Invalid Identity Header    malformed Identity (bad base64, bad PASSporT, wrong
//                                  JSON types, missing claims), signature mismatch,
//                                  PASSporT orig/dest not matching the request
//   403 Stale Date                 Date (4474) or iat (8224) missing or outside the window
//   403 Replayed Request           same Call-ID, CSeq and From tag already verified
//                                  within the window (RFC 4474 §13.1 replay protection;
//                                  neither RFC names a code: 403 like Stale Date, since
//                                  the signature itself is sound)

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace credsvc::identity {

enum class Failure {
  none,
  // 428
  missing_identity,
  // 436
  missing_identity_info,
  malformed_identity_info,
  non_https_info,
  info_host_not_allowed,
  certificate_unavailable,  // the fetch failed or gave no certificate
  // 437
  unsupported_algorithm,
  untrusted_certificate,
  certificate_domain_mismatch,
  unsupported_key,
  date_outside_certificate,
  // 438
  malformed_identity,
  oversized,
  bad_base64,
  bad_json,
  wrong_json_type,
  missing_claim,
  bad_claim_value,
  bad_typ,
  ppt_mismatch,
  info_mismatch,
  unsupported_extension,   // a "crit" header parameter
  missing_signed_header,   // From, To, Call-ID or CSeq missing or malformed
  identity_mismatch,       // PASSporT orig/dest differ from the request
  bad_signature,
  // 403
  missing_date,
  stale_date,
  replay,
};

// The RFC a response is worded for: RFC 8224 renamed 436 and 437.
enum class IdentityFlavor { rfc4474, rfc8224 };

int sip_status(Failure f) noexcept;
std::string_view reason_phrase(Failure f, IdentityFlavor flavor = IdentityFlavor::rfc4474) noexcept;
// A short identifier for logs and tests ("bad_signature").
std::string_view to_string(Failure f) noexcept;

struct Problem {
  Failure failure = Failure::none;
  std::string detail;  // one line naming the cause; never key material
};

// A value or a Problem.
template <class T>
class Checked {
 public:
  Checked(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Checked(Problem problem) : v_(std::move(problem)) {}  // NOLINT
  Checked(Failure f, std::string detail) : v_(Problem{f, std::move(detail)}) {}

  [[nodiscard]] bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Problem& problem() const& { return std::get<1>(v_); }
  Problem&& problem() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Problem> v_;
};

}  // namespace credsvc::identity
