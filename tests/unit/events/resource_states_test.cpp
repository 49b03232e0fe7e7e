#include "events/resource_states.hpp"

#include <gtest/gtest.h>

#include "sip/media_type.hpp"
#include "sip/multipart.hpp"

namespace credsvc::events {
namespace {

db::Credential credential(bool with_key) {
  db::Credential c;
  c.aor = "alice@example.com";
  c.certificate_der = {0x30, 0x0d, 0x0a, 0x2d, 0x2d, 0x00};  // CRLF, dashes and NUL survive
  if (with_key) c.pkcs8_der = db::Bytes{0x30, 0x01, 0xff};
  c.spki_sha256 = std::string(64, 'a');
  c.etag = "etag-1";
  c.version = 4;
  return c;
}

TEST(ResourceStates, NoCredentialIsAnEmptyCertificateState) {
  const auto s = certificate_state(nullptr);
  EXPECT_FALSE(s.present);
  EXPECT_TRUE(s.content.content_type.empty());
  EXPECT_TRUE(s.content.body.empty());
}

TEST(ResourceStates, CertificateStateIsTheDer) {
  const auto c = credential(true);
  const auto s = certificate_state(&c);
  EXPECT_TRUE(s.present);
  EXPECT_EQ(s.content.content_type, "application/pkix-cert");
  EXPECT_EQ(s.content.body, std::string(c.certificate_der.begin(), c.certificate_der.end()));
  // A refresh (new etag, same version and key) is no change to certificate subscribers...
  auto refreshed = c;
  refreshed.etag = "etag-2";
  EXPECT_EQ(certificate_state(&refreshed).key, s.key);
  // ...but it is to credential subscribers, who hold the etag.
  EXPECT_NE(credential_state(refreshed).key, credential_state(c).key);
}

TEST(ResourceStates, CredentialStateIsMultipartWithBothParts) {
  const auto c = credential(true);
  const auto s = credential_state(c);
  EXPECT_EQ(s.content.etag, "etag-1");
  const auto type = sip::parse_media_type(s.content.content_type);
  ASSERT_TRUE(type);
  ASSERT_TRUE(type.value().is("multipart", "mixed"));
  const auto parts = sip::parse_multipart(s.content.body, *type.value().boundary());
  ASSERT_TRUE(parts) << parts.error();
  ASSERT_EQ(parts.value().size(), 2u);
  EXPECT_TRUE(parts.value()[0].content_type->is("application", "pkix-cert"));
  EXPECT_EQ(parts.value()[0].content, std::string(c.certificate_der.begin(), c.certificate_der.end()));
  EXPECT_TRUE(parts.value()[1].content_type->is("application", "pkcs8"));
  EXPECT_EQ(parts.value()[1].content, std::string(c.pkcs8_der->begin(), c.pkcs8_der->end()));
  EXPECT_EQ(sip::parse_multipart(credential_state(credential(false)).content.body,
                                 *sip::parse_media_type(credential_state(credential(false)).content.content_type)
                                      .value()
                                      .boundary())
                .value()
                .size(),
            1u);
}

}  // namespace
}  // namespace credsvc::events
