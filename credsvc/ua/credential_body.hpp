#pragma once
// Bodies of the RFC 6072 packages: application/pkix-cert (DER) alone, or
// multipart/mixed with an application/pkix-cert part and an optional
// application/pkcs8 part (§7.2, §8.2, §8.9). Parsing a received NOTIFY's
// body and building a PUBLISH body. No I/O.

#include <optional>
#include <string>

#include "certs/bytes.hpp"
#include "certs/certificate.hpp"
#include "sip/message.hpp"
#include "sip/result.hpp"

namespace credsvc::ua {

struct CredentialBody {
  std::optional<certs::Bytes> certificate_der;  // nullopt: empty body (no certificate)
  std::optional<certs::Bytes> pkcs8_der;        // credential package only, when stored
  [[nodiscard]] bool empty() const noexcept { return !certificate_der; }
};

// An empty body is an empty CredentialBody. Fails, naming the fault, on a
// body without Content-Type, another media type, a multipart body without
// exactly one application/pkix-cert part or with more than one
// application/pkcs8 part, or malformed multipart. The DER is not parsed here.
sip::Result<CredentialBody> parse_credential_body(const sip::Message& message);

struct PublishBody {
  std::string content_type;
  std::string body;
};

// application/pkix-cert for a certificate alone; multipart/mixed with
// Content-Disposition: signal parts when a PKCS#8 key (plain or encrypted
// DER) goes too.
PublishBody make_publish_body(const certs::Certificate& certificate, const std::optional<certs::Bytes>& pkcs8_der);

}  // namespace credsvc::ua
