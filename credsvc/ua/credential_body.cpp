#include "ua/credential_body.hpp"

#include "sip/multipart.hpp"

namespace credsvc::ua {
namespace {

using R = sip::Result<CredentialBody>;

certs::Bytes to_bytes(std::string_view text) {
  const auto view = certs::as_bytes(text);
  return certs::Bytes(view.begin(), view.end());
}

}  // namespace

sip::Result<CredentialBody> parse_credential_body(const sip::Message& message) {
  CredentialBody out;
  const std::string_view body = message.body();
  if (body.empty()) return out;
  const auto type = message.content_type();
  if (!type) return R::failure("malformed Content-Type (" + type.error() + ")");
  if (!*type) return R::failure("body without Content-Type");
  const sip::MediaType& mt = **type;
  if (mt.is("application", "pkix-cert")) {
    out.certificate_der = to_bytes(body);
    return out;
  }
  if (!mt.is("multipart", "mixed")) {
    return R::failure("unexpected body type " + mt.type + "/" + mt.subtype + " (application/pkix-cert expected)");
  }
  const auto boundary = mt.boundary();
  if (!boundary) return R::failure("multipart/mixed body without a boundary parameter");
  const auto parts = sip::parse_multipart(body, *boundary);
  if (!parts) return R::failure("malformed multipart body (" + parts.error() + ")");
  for (const auto& part : *parts) {
    if (!part.content_type) continue;
    if (part.content_type->is("application", "pkix-cert")) {
      if (out.certificate_der) return R::failure("multipart body with two application/pkix-cert parts");
      out.certificate_der = to_bytes(part.content);
    } else if (part.content_type->is("application", "pkcs8")) {
      if (out.pkcs8_der) return R::failure("multipart body with two application/pkcs8 parts");
      out.pkcs8_der = to_bytes(part.content);
    }
  }
  if (!out.certificate_der) return R::failure("multipart body without an application/pkix-cert part");
  return out;
}

PublishBody make_publish_body(const certs::Certificate& certificate, const std::optional<certs::Bytes>& pkcs8_der) {
  const certs::Bytes der = certificate.to_der();
  if (!pkcs8_der) return PublishBody{"application/pkix-cert", std::string(certs::as_text(der))};
  std::vector<sip::PartSpec> parts(2);
  parts[0].content_type = "application/pkix-cert";
  parts[0].content_disposition = "signal";
  parts[0].content = std::string(certs::as_text(der));
  parts[1].content_type = "application/pkcs8";
  parts[1].content_disposition = "signal";
  parts[1].content = std::string(certs::as_text(*pkcs8_der));
  auto built = sip::build_multipart(parts);
  return PublishBody{std::move(built.content_type), std::move(built.body)};
}

}  // namespace credsvc::ua
