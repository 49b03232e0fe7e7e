// RFC 6072 §10.3 verification of received NOTIFYs (ua::verify_notify): the
// NOTIFYs are built and signed here with the authentication service the
// server uses (identity::Rfc4474Signer); each check is made to fail on its own.
#include <gtest/gtest.h>

#include "sip/multipart.hpp"
#include "ua/notify_verification.hpp"
#include "ua_test_pki.hpp"

namespace credsvc::ua {
namespace {

using namespace test;

class NotifyVerification : public ::testing::Test {
 protected:
  NotifyVerification() {
    trust_.trust_anchors = {root_ca().cert};
    trust_.allowed_info_hosts = {kDomain};
    spec_.body = der_text(alice_cert_);
  }

  NotifyVerdict verify(const std::string& wire, std::string_view aor = "sip:alice@example.test") {
    return verify(wire, aor, {identity_cert()});
  }
  NotifyVerdict verify(const std::string& wire, std::string_view aor, std::vector<certs::Certificate> chain) {
    return verify_notify(parse(wire), aor, chain, trust_, spec_.now);
  }
  static void expect_failed(const NotifyVerdict& v, NotifyCheck check) {
    EXPECT_EQ(v.failed, check) << to_string(v.failed) << ": " << v.reason;
    EXPECT_FALSE(v.ok());
    EXPECT_FALSE(v.reason.empty());
    EXPECT_EQ(v.reason.find('\n'), std::string::npos);
    EXPECT_FALSE(v.certificate.has_value());
  }

  certs::Certificate alice_cert_ = user_cert({"sip:alice@example.test"});
  NotifyTrust trust_;
  NotifySpec spec_;
};

TEST_F(NotifyVerification, SignedNotifyWithTheAorsCertificatePasses) {
  const auto v = verify(signed_notify_wire(spec_));
  ASSERT_TRUE(v.ok()) << to_string(v.failed) << ": " << v.reason;
  ASSERT_TRUE(v.certificate.has_value());
  EXPECT_EQ(*v.certificate, alice_cert_);
  EXPECT_EQ(v.asserted_aor, "alice@example.test");
  EXPECT_TRUE(v.reason.empty());
  EXPECT_FALSE(v.pkcs8_der.has_value());
}

TEST_F(NotifyVerification, SipsSubscriptionMatchesSipFrom) {
  // RFC 5630: sip: and sips: name the same AOR.
  const auto v = verify(signed_notify_wire(spec_), "sips:alice@EXAMPLE.test");
  EXPECT_TRUE(v.ok()) << v.reason;
}

TEST_F(NotifyVerification, FromOtherThanTheSubscribedAorFails) {
  // Correctly signed by the domain, but for bob: not the original URI.
  spec_.from_uri = "sip:bob@example.test";
  spec_.body = der_text(user_cert({"sip:bob@example.test"}));
  const auto v = verify(signed_notify_wire(spec_));
  expect_failed(v, NotifyCheck::from_mismatch);
  EXPECT_NE(v.reason.find("sip:bob@example.test"), std::string::npos) << v.reason;
}

TEST_F(NotifyVerification, FromCheckComesBeforeIdentity) {
  spec_.from_uri = "sip:bob@example.test";
  std::string wire = signed_notify_wire(spec_);
  // Identity would fail too (no chain), but check 1 is reported.
  expect_failed(verify(wire, "sip:alice@example.test", {}), NotifyCheck::from_mismatch);
}

TEST_F(NotifyVerification, TamperedBodyFailsIdentity) {
  std::string wire = signed_notify_wire(spec_);
  // One byte of the certificate changed after signing (the length stays).
  const std::size_t body_at = wire.find("\r\n\r\n") + 4;
  wire[body_at + spec_.body.size() / 2] ^= 0x01;
  const auto v = verify(wire);
  expect_failed(v, NotifyCheck::identity_invalid);
  EXPECT_EQ(v.identity_failure, identity::Failure::bad_signature);
  EXPECT_NE(v.reason.find("438"), std::string::npos) << v.reason;
}

TEST_F(NotifyVerification, IdentityChainFromAnotherRootIsUntrusted) {
  const auto v = verify(signed_notify_wire(spec_), "sip:alice@example.test", {identity_cert(kDomain, other_ca())});
  expect_failed(v, NotifyCheck::identity_invalid);
  EXPECT_EQ(v.identity_failure, identity::Failure::untrusted_certificate);
}

TEST_F(NotifyVerification, OtherTrustAnchorsRejectTheRealChain) {
  trust_.trust_anchors = {other_ca().cert};
  const auto v = verify(signed_notify_wire(spec_));
  expect_failed(v, NotifyCheck::identity_invalid);
  EXPECT_EQ(v.identity_failure, identity::Failure::untrusted_certificate);
}

TEST_F(NotifyVerification, SignerMustNameTheFromDomain) {
  // A trusted identity certificate, but for another domain.
  const auto v = verify(signed_notify_wire(spec_), "sip:alice@example.test", {identity_cert("other.test")});
  expect_failed(v, NotifyCheck::identity_invalid);
  EXPECT_EQ(v.identity_failure, identity::Failure::certificate_domain_mismatch);
}

TEST_F(NotifyVerification, MissingIdentityFails) {
  std::string wire = signed_notify_wire(spec_);
  const auto at = wire.find("Identity: ");
  wire.erase(at, wire.find("\r\n", at) + 2 - at);
  const auto v = verify(wire);
  expect_failed(v, NotifyCheck::identity_invalid);
  EXPECT_EQ(v.identity_failure, identity::Failure::missing_identity);
}

TEST_F(NotifyVerification, IdentityInfoHostMustBeAllowed) {
  trust_.allowed_info_hosts = {"certs.elsewhere.test"};
  const auto v = verify(signed_notify_wire(spec_));
  expect_failed(v, NotifyCheck::identity_invalid);
  EXPECT_EQ(v.identity_failure, identity::Failure::info_host_not_allowed);
}

TEST_F(NotifyVerification, NoFetchedChainFails) {
  const auto v = verify(signed_notify_wire(spec_), "sip:alice@example.test", {});
  expect_failed(v, NotifyCheck::identity_invalid);
  EXPECT_EQ(v.identity_failure, identity::Failure::certificate_unavailable);
}

TEST_F(NotifyVerification, StaleDateFails) {
  const std::string wire = signed_notify_wire(spec_);
  const auto v = verify_notify(parse(wire), "sip:alice@example.test", std::vector{identity_cert()}, trust_,
                               spec_.now + 2h);
  expect_failed(v, NotifyCheck::identity_invalid);
  EXPECT_EQ(v.identity_failure, identity::Failure::stale_date);
}

TEST_F(NotifyVerification, EmptyBodyMeansNoCertificate) {
  spec_.body.clear();
  spec_.content_type.clear();
  const auto v = verify(signed_notify_wire(spec_));
  expect_failed(v, NotifyCheck::no_certificate);
  EXPECT_EQ(v.reason, "AOR has no certificate");
  EXPECT_EQ(v.asserted_aor, "alice@example.test");
}

TEST_F(NotifyVerification, BodyThatIsNotDerFails) {
  spec_.body = "-----BEGIN CERTIFICATE-----\nnot der\n-----END CERTIFICATE-----\n";
  expect_failed(verify(signed_notify_wire(spec_)), NotifyCheck::malformed_body);
}

TEST_F(NotifyVerification, BodyOfAnotherTypeFails) {
  spec_.content_type = "text/plain";
  const auto v = verify(signed_notify_wire(spec_));
  expect_failed(v, NotifyCheck::malformed_body);
  EXPECT_NE(v.reason.find("text/plain"), std::string::npos) << v.reason;
}

TEST_F(NotifyVerification, ExpiredCertificateFails) {
  spec_.body = der_text(user_cert({"sip:alice@example.test"}, Clock::now() - 48h, Clock::now() - 24h));
  expect_failed(verify(signed_notify_wire(spec_)), NotifyCheck::expired);
}

TEST_F(NotifyVerification, NotYetValidCertificateFails) {
  spec_.body = der_text(user_cert({"sip:alice@example.test"}, Clock::now() + 24h, Clock::now() + 48h));
  expect_failed(verify(signed_notify_wire(spec_)), NotifyCheck::not_yet_valid);
}

TEST_F(NotifyVerification, CertificateOfAnotherAorFails) {
  spec_.body = der_text(user_cert({"sip:bob@example.test"}));
  const auto v = verify(signed_notify_wire(spec_));
  expect_failed(v, NotifyCheck::aor_not_named);
  EXPECT_NE(v.reason.find("sip:alice@example.test"), std::string::npos) << v.reason;
}

TEST_F(NotifyVerification, CertificateWithoutSanUriFails) {
  spec_.body = der_text(user_cert({}));
  expect_failed(verify(signed_notify_wire(spec_)), NotifyCheck::aor_not_named);
}

TEST_F(NotifyVerification, CertificateIsForTheAssertedAorOnlyNotItsOtherSans) {
  // The certificate names bob too; the verdict binds it to alice, the From.
  const auto both = user_cert({"sip:bob@example.test", "sip:alice@example.test"});
  spec_.body = der_text(both);
  const auto v = verify(signed_notify_wire(spec_));
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(v.asserted_aor, "alice@example.test");
  // Subscribed to bob but asserted for alice: never accepted for bob.
  spec_.to_uri = "sip:bob@example.test";
  expect_failed(verify(signed_notify_wire(spec_), "sip:bob@example.test"), NotifyCheck::from_mismatch);
}

TEST_F(NotifyVerification, CredentialMultipartBodyGivesCertificateAndKey) {
  const certs::Bytes key_der = user_key().to_pkcs8_der();
  std::vector<sip::PartSpec> parts(2);
  parts[0].content_type = "application/pkix-cert";
  parts[0].content = der_text(alice_cert_);
  parts[1].content_type = "application/pkcs8";
  parts[1].content = std::string(certs::as_text(key_der));
  const auto mp = sip::build_multipart(parts);
  spec_.content_type = mp.content_type;
  spec_.body = mp.body;
  const auto v = verify(signed_notify_wire(spec_));
  ASSERT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(*v.certificate, alice_cert_);
  ASSERT_TRUE(v.pkcs8_der.has_value());
  EXPECT_EQ(*v.pkcs8_der, key_der);
}

TEST_F(NotifyVerification, ResponsesAndOtherMethodsAreNotNotifies) {
  const auto response = parse(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1\r\nFrom: <sip:alice@example.test>;tag=1\r\n"
      "To: <sip:alice@example.test>;tag=2\r\nCall-ID: x\r\nCSeq: 1 NOTIFY\r\nContent-Length: 0\r\n\r\n");
  expect_failed(verify_notify(response, "alice@example.test", {}, trust_, spec_.now), NotifyCheck::not_a_notify);
}

TEST_F(NotifyVerification, TrustWithoutAnchorsIsACallerError) {
  trust_.trust_anchors.clear();
  EXPECT_THROW(verify(signed_notify_wire(spec_)), std::invalid_argument);
}

TEST_F(NotifyVerification, IdentityInfoUrlIsExtracted) {
  EXPECT_EQ(identity_info_url(parse(signed_notify_wire(spec_))), std::optional<std::string>(kInfoUrl));
  const auto bare = parse(
      "NOTIFY sip:a@b SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1\r\nFrom: <sip:alice@example.test>;tag=1\r\n"
      "To: <sip:alice@example.test>;tag=2\r\nCall-ID: x\r\nCSeq: 1 NOTIFY\r\nMax-Forwards: 70\r\n"
      "Content-Length: 0\r\n\r\n");
  EXPECT_EQ(identity_info_url(bare), std::nullopt);
}

}  // namespace
}  // namespace credsvc::ua
