#pragma once
// The authentication service of RFC 4474 for one domain: signs the
// digest-string of each outgoing request (credsvc's NOTIFYs, RFC 6072 §10.3)
// with the domain's identity key and gives the Identity and Identity-Info
// header values. Built once per domain; const and thread-safe afterwards.

#include <chrono>
#include <string>
#include <string_view>

#include "certs/pkcs8_key.hpp"
#include "identity/detail/sign_template.hpp"
#include "identity/digest_string.hpp"
#include "identity/rfc4474_algorithm.hpp"
#include "sip/message.hpp"
#include "sip/result.hpp"

namespace credsvc::identity {

struct Rfc4474Headers {
  std::string identity;       // "\"<base64>\""  (RFC 4474 §9 signed-identity-digest)
  std::string identity_info;  // "<https://...>;alg=rsa-sha256"
  std::string date;           // the Date value that was signed
  bool date_added = false;    // true when the caller had none: add "Date: <date>"
};

class Rfc4474Signer {
 public:
  // `key`: RSA of at least 2048 bits. `identity_info_url`: the https URL of
  // the domain's certificate (identity_certificate_url()). rsa-sha1 only for
  // peers that know nothing newer. Throws std::invalid_argument naming the fault.
  Rfc4474Signer(certs::PrivateKey key, std::string identity_info_url,
                Rfc4474Algorithm alg = Rfc4474Algorithm::rsa_sha256);

  [[nodiscard]] Rfc4474Algorithm algorithm() const noexcept { return alg_; }
  // The Identity-Info header value; the same for every request.
  [[nodiscard]] const std::string& identity_info() const noexcept { return identity_info_; }

  // The Identity header value for these parts (parts.date must be set).
  [[nodiscard]] std::string identity(const DigestStringParts& parts) const;
  // Both header values. When parts.date is empty a Date for `now` (RFC 1123
  // GMT) is made, signed and returned with date_added set.
  [[nodiscard]] Rfc4474Headers sign(DigestStringParts parts, std::chrono::system_clock::time_point now) const;
  // Signs a request that is already complete (it must have a Date).
  [[nodiscard]] sip::Result<Rfc4474Headers> sign(const sip::Message& request) const;

 private:
  certs::PrivateKey key_;
  Rfc4474Algorithm alg_;
  std::string identity_info_;
  detail::SignTemplate template_;
};

}  // namespace credsvc::identity
