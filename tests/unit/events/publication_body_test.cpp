// decode_publication: every way a PUBLISH body is refused names its fault,
// and the three RFC 6072 §3 styles are accepted.
#include "events/publication_body.hpp"

#include <gtest/gtest.h>

#include "certs/issue_certificate.hpp"
#include "certs/pkcs8_key.hpp"
#include "sip/multipart.hpp"
#include "sip/parser.hpp"

namespace credsvc::events {
namespace {
using namespace std::chrono_literals;
const auto kNow = std::chrono::system_clock::now();

struct Pair {
  certs::PrivateKey key;
  certs::Certificate cert;
};

Pair make_pair(const std::string& san, bool ca = false, std::chrono::hours from = -1h, std::chrono::hours to = 24h) {
  auto key = certs::PrivateKey::generate_ec("P-256");
  certs::IssueRequest r;
  r.common_name = "alice";
  r.san_uris = {san};
  r.is_ca = ca;
  r.not_before = kNow + from;
  r.not_after = kNow + to;
  auto cert = certs::issue_certificate(r, key, nullptr, key);
  return {key, cert};
}

std::string str(const certs::Bytes& b) { return std::string(b.begin(), b.end()); }

sip::Message publish(const std::string& content_type, const std::string& body) {
  std::string text =
      "PUBLISH sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/TLS h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
      "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:alice@example.com>\r\nCall-ID: c\r\nCSeq: 1 PUBLISH\r\n"
      "Event: credential\r\n";
  if (!content_type.empty()) text += "Content-Type: " + content_type + "\r\n";
  text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  auto parsed = sip::parse_message(text);
  EXPECT_TRUE(parsed.ok()) << parsed.reason;
  return parsed.msg;
}

sip::Message multipart(const std::vector<sip::PartSpec>& parts) {
  const auto built = sip::build_multipart(parts);
  return publish(built.content_type, built.body);
}

Rejection rejected(const std::variant<DecodedPublication, Rejection>& v) {
  EXPECT_TRUE(std::holds_alternative<Rejection>(v));
  return std::holds_alternative<Rejection>(v) ? std::get<Rejection>(v) : Rejection{};
}

TEST(PublicationBody, CertificateOnly) {
  const auto p = make_pair("sip:alice@example.com");
  const auto v = decode_publication(publish("application/pkix-cert", str(p.cert.to_der())), "alice@example.com", kNow);
  ASSERT_TRUE(std::holds_alternative<DecodedPublication>(v));
  const auto& d = std::get<DecodedPublication>(v);
  EXPECT_EQ(d.certificate_der, p.cert.to_der());
  EXPECT_FALSE(d.pkcs8_der);
  EXPECT_EQ(d.spki_sha256, p.cert.spki_fingerprint_sha256());
}

TEST(PublicationBody, CertificateWithPlainKey) {
  const auto p = make_pair("sip:alice@example.com");
  const auto v = decode_publication(multipart({{"application/pkix-cert", {}, {}, str(p.cert.to_der())},
                                               {"application/pkcs8", {}, {}, str(p.key.to_pkcs8_der())}}),
                                    "alice@example.com", kNow);
  ASSERT_TRUE(std::holds_alternative<DecodedPublication>(v));
  EXPECT_EQ(*std::get<DecodedPublication>(v).pkcs8_der, p.key.to_pkcs8_der());
  EXPECT_FALSE(std::get<DecodedPublication>(v).key_encrypted);
}

TEST(PublicationBody, CertificateWithEncryptedKeyIsStoredOpaque) {
  const auto p = make_pair("sips:alice@example.com");
  const auto encrypted = p.key.to_encrypted_pkcs8_der("pass phrase", 1000);
  const auto v = decode_publication(multipart({{"application/pkix-cert", {}, {}, str(p.cert.to_der())},
                                               {"application/pkcs8", {}, {}, str(encrypted)}}),
                                    "alice@example.com", kNow);
  ASSERT_TRUE(std::holds_alternative<DecodedPublication>(v));
  EXPECT_TRUE(std::get<DecodedPublication>(v).key_encrypted);
  EXPECT_EQ(*std::get<DecodedPublication>(v).pkcs8_der, encrypted);
}

TEST(PublicationBody, KeyOfAnotherCertificateIsRefusedWithWarning) {
  const auto p = make_pair("sip:alice@example.com");
  const auto other = certs::PrivateKey::generate_ec("P-256");
  const auto r = rejected(decode_publication(multipart({{"application/pkix-cert", {}, {}, str(p.cert.to_der())},
                                                        {"application/pkcs8", {}, {}, str(other.to_pkcs8_der())}}),
                                             "alice@example.com", kNow));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.reason, "PKCS#8 Key Does Not Match Certificate");
  EXPECT_FALSE(r.warning.empty());
}

TEST(PublicationBody, PemWhereDerIsRequired) {
  const auto p = make_pair("sip:alice@example.com");
  const auto r = rejected(decode_publication(publish("application/pkix-cert", p.cert.to_pem()), "alice@example.com", kNow));
  EXPECT_EQ(r.reason, "Certificate Is PEM, DER Required");
  const auto k = rejected(decode_publication(multipart({{"application/pkix-cert", {}, {}, str(p.cert.to_der())},
                                                        {"application/pkcs8", {}, {}, p.key.to_pkcs8_pem()}}),
                                             "alice@example.com", kNow));
  EXPECT_EQ(k.reason, "PKCS#8 Key Is PEM, DER Required");
}

TEST(PublicationBody, GarbageIsNotDer) {
  EXPECT_EQ(rejected(decode_publication(publish("application/pkix-cert", std::string("\x30\x03\x01\x01", 4)),
                                        "alice@example.com", kNow))
                .reason,
            "Certificate Is Not Valid DER");
}

TEST(PublicationBody, EachSection810FailureIsNamed) {
  const auto wrong = make_pair("sip:bob@example.com");
  auto r = rejected(decode_publication(publish("application/pkix-cert", str(wrong.cert.to_der())), "alice@example.com", kNow));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.reason, "No SubjectAltName URI matches the AOR");
  EXPECT_FALSE(r.warning.empty());

  const auto expired = make_pair("sip:alice@example.com", false, -48h, -24h);
  r = rejected(decode_publication(publish("application/pkix-cert", str(expired.cert.to_der())), "alice@example.com", kNow));
  EXPECT_EQ(r.reason, "Certificate expired");

  const auto future = make_pair("sip:alice@example.com", false, 24h, 48h);
  r = rejected(decode_publication(publish("application/pkix-cert", str(future.cert.to_der())), "alice@example.com", kNow));
  EXPECT_EQ(r.reason, "Certificate not yet valid");

  const auto ca = make_pair("sip:alice@example.com", true);
  r = rejected(decode_publication(publish("application/pkix-cert", str(ca.cert.to_der())), "alice@example.com", kNow));
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.warning.empty());
}

TEST(PublicationBody, MalformedMultipartBodies) {
  const auto p = make_pair("sip:alice@example.com");
  EXPECT_EQ(rejected(decode_publication(publish("multipart/mixed", "x"), "alice@example.com", kNow)).reason,
            "Multipart Body Without Boundary");
  EXPECT_EQ(rejected(decode_publication(publish("multipart/mixed;boundary=zz", "no delimiter here"),
                                        "alice@example.com", kNow))
                .reason,
            "Malformed Multipart Body");
  EXPECT_EQ(rejected(decode_publication(multipart({{"application/pkcs8", {}, {}, str(p.key.to_pkcs8_der())}}),
                                        "alice@example.com", kNow))
                .reason,
            "Multipart Body Without Certificate Part");
  EXPECT_EQ(rejected(decode_publication(multipart({{"application/pkix-cert", {}, {}, str(p.cert.to_der())},
                                                   {"application/pkix-cert", {}, {}, str(p.cert.to_der())}}),
                                        "alice@example.com", kNow))
                .reason,
            "More Than One Certificate Part");
  const auto r = rejected(decode_publication(multipart({{"application/pkix-cert", {}, {}, str(p.cert.to_der())},
                                                        {"text/plain", {}, {}, "hello"}}),
                                             "alice@example.com", kNow));
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(rejected(decode_publication(multipart({{"application/pkix-cert", {}, {}, str(p.cert.to_der())},
                                                   {"application/pkcs8", {}, {}, "not a key"}}),
                                        "alice@example.com", kNow))
                .reason,
            "Key Is Not PKCS#8 DER");
}

TEST(PublicationBody, UnsupportedOrMissingContentType) {
  EXPECT_EQ(rejected(decode_publication(publish("text/plain", "x"), "alice@example.com", kNow)).status, 415);
  EXPECT_EQ(rejected(decode_publication(publish("", "x"), "alice@example.com", kNow)).reason,
            "Body Without Content-Type");
}

}  // namespace
}  // namespace credsvc::events
