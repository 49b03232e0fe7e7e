#include "loadgen/certificate_publication.hpp"

#include "ua/credential_body.hpp"
#include "ua/self_signed_credential.hpp"

namespace credsvc::loadgen {

namespace {
// Long enough for any run; short enough to lapse soon after.
constexpr std::uint32_t kPublicationExpires = 3600;
}  // namespace

ua::PublishSpec fresh_certificate_publication(const ua::AorParts& aor, std::chrono::system_clock::time_point now) {
  ua::SelfSignedRequest request;
  request.aor = aor.canonical;
  request.key_type = ua::GeneratedKeyType::p256;
  request.now = now;
  const ua::SelfSignedCredential made = ua::generate_self_signed(request);
  ua::PublishBody body = ua::make_publish_body(made.certificate, std::nullopt);
  ua::PublishSpec spec;
  spec.aor = aor;
  spec.expires = kPublicationExpires;
  spec.content_type = std::move(body.content_type);
  spec.body = std::move(body.body);
  return spec;
}

}  // namespace credsvc::loadgen
