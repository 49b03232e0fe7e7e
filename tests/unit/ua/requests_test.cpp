// Requests and bodies the UA sends: SUBSCRIBE (initial, in-dialog), PUBLISH
// (certificate alone, with a key, conditional, removal), their wire form,
// and the credential bodies both ways.
#include <gtest/gtest.h>

#include "sip/parser.hpp"
#include "ua/credential_body.hpp"
#include "ua/publish_request.hpp"
#include "ua/subscribe_request.hpp"
#include "ua_test_pki.hpp"

namespace credsvc::ua {
namespace {

using test::parse;

const LocalAddress kLocal{"127.0.0.1", 40123};

TEST(Requests, SipsRequestGetsSipsContact) {
  SubscribeSpec spec;
  spec.target = parse_aor("sips:alice@example.test");
  spec.subscriber = "alice@example.test";
  spec.package = EventPackage::certificate;
  spec.expires = 0;
  SubscriptionDialog dialog{"call-2@credsvc", "tag-2", std::nullopt, 1};
  auto request = make_subscribe(spec, dialog);
  request.request_uri = "sips:alice@example.test";
  const auto m = parse(serialize_request(request, kLocal, "z9hG4bKsips", std::nullopt));
  // RFC 5630 §4.1: otherwise credsvc answers 480 with Warning 381.
  EXPECT_EQ(m.header("Contact"), std::optional<std::string_view>("<sips:fetch@127.0.0.1:40123>"));
}

TEST(Requests, CertificateSubscribeHasEveryRequiredHeader) {
  SubscribeSpec spec;
  spec.target = parse_aor("sip:alice@example.test");
  spec.subscriber = "alice@example.test";
  spec.package = EventPackage::certificate;
  spec.expires = 0;
  SubscriptionDialog dialog{"call-1@credsvc", "tag-1", std::nullopt, 1};
  const auto m = parse(serialize_request(make_subscribe(spec, dialog), kLocal, "z9hG4bKabc", std::nullopt));
  EXPECT_EQ(m.method(), sip::Method::Subscribe);
  EXPECT_EQ(m.request_uri_text(), "sip:alice@example.test");
  ASSERT_NE(m.top_via(), nullptr);
  EXPECT_EQ(m.top_via()->transport, "TLS");
  EXPECT_EQ(m.top_via()->sent_by(), "127.0.0.1:40123");
  EXPECT_EQ(m.top_via()->branch(), std::optional<std::string_view>("z9hG4bKabc"));
  EXPECT_EQ(m.max_forwards(), std::optional<std::uint32_t>(70));
  EXPECT_EQ(sip::to_string(m.from()->uri), "sip:alice@example.test");
  EXPECT_EQ(m.from()->tag(), std::optional<std::string_view>("tag-1"));
  EXPECT_EQ(sip::to_string(m.to()->uri), "sip:alice@example.test");
  EXPECT_FALSE(m.to()->tag().has_value());
  EXPECT_EQ(m.call_id(), std::optional<std::string_view>("call-1@credsvc"));
  EXPECT_EQ(m.cseq()->number, 1u);
  EXPECT_EQ(m.header("Contact"), std::optional<std::string_view>("<sip:fetch@127.0.0.1:40123>"));
  EXPECT_EQ(m.header("Event"), std::optional<std::string_view>("certificate"));
  EXPECT_EQ(m.header("Accept"), std::optional<std::string_view>("application/pkix-cert"));
  EXPECT_EQ(m.header("Expires"), std::optional<std::string_view>("0"));
  EXPECT_FALSE(m.header(sip::HeaderId::Authorization).has_value());
  EXPECT_TRUE(m.body().empty());
}

TEST(Requests, CredentialRefreshInDialogWithAuthorization) {
  SubscribeSpec spec;
  spec.target = parse_aor("alice@example.test");
  spec.subscriber = "alice@example.test";
  spec.package = EventPackage::credential;
  spec.expires = 600;
  SubscriptionDialog dialog{"call-2", "mine", std::string("theirs"), 7};
  const auto m = parse(serialize_request(make_subscribe(spec, dialog), LocalAddress{"::1", 5000}, "z9hG4bKx",
                                         std::string("Digest username=\"alice\"")));
  EXPECT_EQ(m.to()->tag(), std::optional<std::string_view>("theirs"));
  EXPECT_EQ(m.cseq()->number, 7u);
  EXPECT_EQ(m.header("Event"), std::optional<std::string_view>("credential"));
  EXPECT_EQ(m.header("Accept"),
            std::optional<std::string_view>("multipart/mixed, application/pkix-cert, application/pkcs8"));
  EXPECT_EQ(m.header("Expires"), std::optional<std::string_view>("600"));
  EXPECT_EQ(m.header(sip::HeaderId::Authorization), std::optional<std::string_view>("Digest username=\"alice\""));
  EXPECT_EQ(m.top_via()->sent_by(), "[::1]:5000");
  EXPECT_EQ(m.header("Contact"), std::optional<std::string_view>("<sip:fetch@[::1]:5000>"));
}

TEST(Requests, PublishOfACertificateAlone) {
  const auto cert = test::user_cert({"sip:alice@example.test"});
  PublishSpec spec;
  spec.aor = parse_aor("alice@example.test");
  spec.expires = 3600;
  spec.if_match = "etag-7";
  auto body = make_publish_body(cert, std::nullopt);
  spec.content_type = body.content_type;
  spec.body = body.body;
  const auto m = parse(serialize_request(make_publish(spec, "c3", "t3", 4), kLocal, "z9hG4bKp", std::nullopt));
  EXPECT_EQ(m.method(), sip::Method::Publish);
  EXPECT_EQ(sip::to_string(m.from()->uri), "sip:alice@example.test");
  EXPECT_EQ(sip::to_string(m.to()->uri), "sip:alice@example.test");
  EXPECT_EQ(m.cseq()->number, 4u);
  EXPECT_EQ(m.header("Event"), std::optional<std::string_view>("credential"));
  EXPECT_EQ(m.header("Expires"), std::optional<std::string_view>("3600"));
  EXPECT_EQ(m.header("SIP-If-Match"), std::optional<std::string_view>("etag-7"));
  EXPECT_EQ(m.header("Content-Type"), std::optional<std::string_view>("application/pkix-cert"));
  EXPECT_EQ(m.body(), test::der_text(cert));
  const auto parsed = parse_credential_body(m);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(certs::Certificate::from_der(*parsed->certificate_der), cert);
  EXPECT_FALSE(parsed->pkcs8_der.has_value());
}

TEST(Requests, PublishWithAKeyIsMultipartAndRoundTrips) {
  const auto cert = test::user_cert({"sip:alice@example.test"});
  const certs::Bytes key = test::user_key().to_encrypted_pkcs8_der("secret", 1000);
  auto body = make_publish_body(cert, key);
  PublishSpec spec;
  spec.aor = parse_aor("alice@example.test");
  spec.content_type = body.content_type;
  spec.body = body.body;
  const auto m = parse(serialize_request(make_publish(spec, "c4", "t4", 1), kLocal, "z9hG4bKq", std::nullopt));
  const auto type = m.content_type();
  ASSERT_TRUE(type.ok() && *type);
  EXPECT_TRUE((*type)->is("multipart", "mixed"));
  EXPECT_FALSE(m.header("SIP-If-Match").has_value());
  const auto parsed = parse_credential_body(m);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(certs::Certificate::from_der(*parsed->certificate_der), cert);
  EXPECT_EQ(parsed->pkcs8_der, std::optional(key));
}

TEST(Requests, RevokeIsAnEmptyPublishWithExpiresZeroAndNoCondition) {
  const auto m = parse(serialize_request(make_publish(revoke_spec(parse_aor("alice@example.test")), "c5", "t5", 1),
                                         kLocal, "z9hG4bKr", std::nullopt));
  EXPECT_EQ(m.header("Expires"), std::optional<std::string_view>("0"));
  EXPECT_FALSE(m.header("SIP-If-Match").has_value());
  EXPECT_FALSE(m.header("Content-Type").has_value());
  EXPECT_TRUE(m.body().empty());
}

TEST(Requests, HeaderInjectionIsRefused) {
  OutgoingRequest r = make_publish(revoke_spec(parse_aor("alice@example.test")), "c\r\nEvil: 1", "t", 1);
  EXPECT_THROW(serialize_request(r, kLocal, "z9hG4bKs", std::nullopt), std::invalid_argument);
}

std::string notify_with(const std::string& content_type, const std::string& body) {
  std::string wire = "NOTIFY sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1\r\n"
                     "From: <sip:alice@example.test>;tag=1\r\nTo: <sip:alice@example.test>;tag=2\r\nCall-ID: x\r\n"
                     "CSeq: 1 NOTIFY\r\nMax-Forwards: 70\r\n";
  if (!content_type.empty()) wire += "Content-Type: " + content_type + "\r\n";
  return wire + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(CredentialBody, FaultsAreNamed) {
  auto r = parse_credential_body(parse(notify_with("", "abc")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "body without Content-Type");
  r = parse_credential_body(parse(notify_with("multipart/mixed", "abc")));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("boundary"), std::string::npos);
  r = parse_credential_body(parse(notify_with("multipart/mixed;boundary=b", "--b\r\nContent-Type: application/pkcs8\r\n\r\nk\r\n--b--\r\n")));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("without an application/pkix-cert part"), std::string::npos) << r.error();
  r = parse_credential_body(parse(notify_with(
      "multipart/mixed;boundary=b",
      "--b\r\nContent-Type: application/pkix-cert\r\n\r\nc\r\n--b\r\nContent-Type: application/pkix-cert\r\n\r\nd\r\n--b--\r\n")));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("two application/pkix-cert"), std::string::npos) << r.error();
  r = parse_credential_body(parse(notify_with("", "")));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

}  // namespace
}  // namespace credsvc::ua
