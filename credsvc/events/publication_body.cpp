#include "events/publication_body.hpp"

#include "certs/certificate.hpp"
#include "certs/error.hpp"
#include "certs/pkcs8_key.hpp"
#include "certs/publication_check.hpp"
#include "sip/multipart.hpp"

namespace credsvc::events {
namespace {

bool looks_like_pem(std::string_view content) noexcept {
  const auto start = content.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && content.substr(start).starts_with("-----BEGIN");
}

db::Bytes to_bytes(std::string_view content) { return db::Bytes(content.begin(), content.end()); }

// The status of each §8.10 failure: publishing for an address the
// certificate does not name is forbidden; the rest are bad requests.
int status_of(certs::PublicationFailure failure) noexcept {
  return failure == certs::PublicationFailure::no_matching_san ? 403 : 400;
}

std::variant<DecodedPublication, Rejection> check_and_describe(const certs::Certificate& cert,
                                                               const certs::PrivateKey* key,
                                                               std::string_view cert_content, std::string_view aor,
                                                               std::chrono::system_clock::time_point now,
                                                               DecodedPublication out);

std::variant<DecodedPublication, Rejection> decode_parts(std::string_view cert_content,
                                                         std::optional<std::string_view> key_content,
                                                         std::string_view aor,
                                                         std::chrono::system_clock::time_point now) {
  if (cert_content.empty()) return Rejection{400, "Empty Certificate", {}};
  if (looks_like_pem(cert_content)) return Rejection{400, "Certificate Is PEM, DER Required", {}};
  std::optional<certs::Certificate> cert;
  try {
    cert = certs::Certificate::from_der(certs::as_bytes(cert_content));
  } catch (const certs::Error&) {
    return Rejection{400, "Certificate Is Not Valid DER", {}};
  }
  DecodedPublication out;
  std::optional<certs::PrivateKey> key;
  if (key_content) {
    if (key_content->empty()) return Rejection{400, "Empty PKCS#8 Key", {}};
    if (looks_like_pem(*key_content)) return Rejection{400, "PKCS#8 Key Is PEM, DER Required", {}};
    switch (certs::classify_pkcs8(certs::as_bytes(*key_content))) {
      case certs::Pkcs8Kind::not_pkcs8:
        return Rejection{400, "Key Is Not PKCS#8 DER", {}};
      case certs::Pkcs8Kind::encrypted:
        out.key_encrypted = true;
        break;
      case certs::Pkcs8Kind::plain:
        try {
          key = certs::PrivateKey::from_pkcs8_der(certs::as_bytes(*key_content));
        } catch (const certs::Error&) {
          return Rejection{400, "PKCS#8 Key Cannot Be Read", {}};
        }
        break;
    }
    out.pkcs8_der = to_bytes(*key_content);
  }
  // RFC 6072 §8.10, in its order; a plain key must be the certificate's.
  // DER that parses may still hold fields that cannot be read (a time
  // OpenSSL accepts but cannot convert): that is the sender's fault too.
  try {
    return check_and_describe(*cert, key ? &*key : nullptr, cert_content, aor, now, std::move(out));
  } catch (const certs::Error&) {
    return Rejection{400, "Certificate Fields Cannot Be Read", {}};
  }
}

std::variant<DecodedPublication, Rejection> check_and_describe(const certs::Certificate& cert,
                                                               const certs::PrivateKey* key,
                                                               std::string_view cert_content, std::string_view aor,
                                                               std::chrono::system_clock::time_point now,
                                                               DecodedPublication out) {
  const auto verdict = certs::check_publication(cert, aor, now, key);
  if (!verdict.ok()) {
    const std::string phrase = verdict.failure == certs::PublicationFailure::key_mismatch
                                   ? "PKCS#8 Key Does Not Match Certificate"
                                   : std::string(certs::default_reason(verdict.failure));
    return Rejection{status_of(verdict.failure), phrase, verdict.reason};
  }
  out.certificate_der = to_bytes(cert_content);
  out.spki_sha256 = cert.spki_fingerprint_sha256();
  out.fingerprint_sha256 = cert.fingerprint_sha256();
  out.not_before = cert.not_before();
  out.not_after = cert.not_after();
  return out;
}

}  // namespace

std::variant<DecodedPublication, Rejection> decode_publication(const sip::Message& request, std::string_view aor,
                                                               std::chrono::system_clock::time_point now) {
  const auto type = request.content_type();
  if (!type) return Rejection{400, "Malformed Content-Type", {}};
  if (!type.value()) return Rejection{400, "Body Without Content-Type", {}};
  const sip::MediaType& media = *type.value();
  if (media.is("application", "pkix-cert")) return decode_parts(request.body(), std::nullopt, aor, now);
  if (!media.is("multipart", "mixed")) return Rejection{415, "Unsupported Media Type", {}};

  const auto boundary = media.boundary();
  if (!boundary || boundary->empty()) return Rejection{400, "Multipart Body Without Boundary", {}};
  const auto parts = sip::parse_multipart(request.body(), *boundary);
  if (!parts) return Rejection{400, "Malformed Multipart Body", parts.error()};
  std::optional<std::string_view> cert_part;
  std::optional<std::string_view> key_part;
  for (const auto& part : parts.value()) {
    if (!part.content_type) return Rejection{400, "Multipart Part Without Content-Type", {}};
    if (part.content_type->is("application", "pkix-cert")) {
      if (cert_part) return Rejection{400, "More Than One Certificate Part", {}};
      cert_part = part.content;
    } else if (part.content_type->is("application", "pkcs8")) {
      if (key_part) return Rejection{400, "More Than One Key Part", {}};
      key_part = part.content;
    } else {
      return Rejection{415, "Unsupported Part Type", {}};
    }
  }
  if (!cert_part) return Rejection{400, "Multipart Body Without Certificate Part", {}};
  return decode_parts(*cert_part, key_part, aor, now);
}

}  // namespace credsvc::events
