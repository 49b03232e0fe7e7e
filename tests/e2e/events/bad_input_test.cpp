// Bad PUBLISH bodies (issue 5 "Bad input", RFC 6072 §8.10): each is refused
// with a 4xx whose reason phrase names the fault (and a Warning naming the
// failed §8.10 check), and the stored credential is exactly as it was when
// the owner fetches it again.
#include <cctype>
#include <functional>

#include "events_test.hpp"

namespace credsvc::testing::events {
namespace {
using namespace std::chrono_literals;

const std::string kName = "xena";
const std::string kAor = "xena@example.test";

struct BadCase {
  std::string label;
  std::function<PublicationBody()> body;
  int status;
  std::string reason;
  std::string warning;  // expected in the Warning text; empty: no Warning
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.label; }

class BadInput : public EventsTest, public ::testing::WithParamInterface<BadCase> {
 protected:
  static void SetUpTestSuite() {
    start_suite({});
    deployment().add_user(kName, kName + "-pw");
    stored_ = std::make_unique<UserCredential>(make_credential(aor(kName)));
    auto owner = ua(kName, kName + "-pw");
    const auto body = credential_body(stored_->certificate_der(), stored_->key_der());
    const auto r = owner->publish(uri(kName), 3600, body.content_type, body.body);
    ASSERT_EQ(r.status(), 200);
    etag_ = etag_of(r);
  }
  static void TearDownTestSuite() {
    stored_.reset();
    stop_suite();
  }

  static std::unique_ptr<UserCredential> stored_;
  static std::string etag_;
};

std::unique_ptr<UserCredential> BadInput::stored_;
std::string BadInput::etag_;

TEST_P(BadInput, RefusedWithAReasonAndNothingChanges) {
  const auto& c = GetParam();
  const auto before = deployment().credential(aor(kName));
  ASSERT_TRUE(before);
  const auto audit_before = deployment().audit_rows(aor(kName));

  auto owner = ua(kName, kName + "-pw");
  const auto body = c.body();
  // Once unconditionally and once as a conditional update of the stored one.
  for (const std::string& extra : {std::string(), "SIP-If-Match: " + etag_ + "\r\n"}) {
    SCOPED_TRACE(extra.empty() ? "unconditional" : "with SIP-If-Match");
    const auto r = owner->publish(uri(kName), 3600, body.content_type, body.body, extra);
    EXPECT_EQ(r.status(), c.status);
    EXPECT_EQ(r.reason(), c.reason);
    EXPECT_TRUE(etag_of(r).empty());
    const auto warnings = r.warnings();
    ASSERT_TRUE(warnings.ok());
    if (c.warning.empty()) {
      EXPECT_TRUE(warnings.value().empty());
    } else {
      ASSERT_EQ(warnings.value().size(), 1u);
      EXPECT_EQ(warnings.value()[0].code, 399);
      EXPECT_NE(warnings.value()[0].text.find(c.warning), std::string::npos) << warnings.value()[0].text;
    }
  }

  // Stored data exactly as it was ...
  const auto after = deployment().credential(aor(kName));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->version, before->version);
  EXPECT_EQ(after->etag, before->etag);
  EXPECT_EQ(after->certificate_der, before->certificate_der);
  EXPECT_EQ(after->pkcs8_der, before->pkcs8_der);
  EXPECT_EQ(after->publication_expires, before->publication_expires);
  EXPECT_EQ(deployment().audit_rows(aor(kName)), audit_before);
  // ... and as the owner fetches it.
  const auto r = owner->subscribe(uri(kName), "credential", 0);
  ASSERT_EQ(r.status(), 200);
  const auto n = owner->next_notify();
  ASSERT_TRUE(n);
  const auto parts = parts_of(n->msg);
  EXPECT_EQ(parts.at("application/pkix-cert"), stored_->certificate_der());
  EXPECT_EQ(parts.at("application/pkcs8"), stored_->key_der());
  const auto event = n->msg.event();
  ASSERT_TRUE(event && event.value());
  EXPECT_EQ(event.value()->etag().value_or(""), etag_);
}

CredentialSpec expired() {
  CredentialSpec s;
  s.not_before_offset = -7200s;
  s.lifetime = -3600s;
  return s;
}
CredentialSpec ca() {
  CredentialSpec s;
  s.is_ca = true;
  return s;
}
CredentialSpec naming(const std::string& other) {
  CredentialSpec s;
  s.san_uris = {"sip:" + other};
  return s;
}
CredentialSpec weak() {
  CredentialSpec s;
  s.key = certs::PrivateKey::generate_rsa(1024);
  return s;
}

std::string truncated_multipart_body(const std::string& boundary) {
  const auto c = make_credential(kAor);
  // The closing delimiter never comes.
  return "--" + boundary + "\r\nContent-Type: application/pkix-cert\r\n\r\n" + c.certificate_der() + "\r\n--" +
         boundary + "\r\nContent-Type: application/pkcs8\r\n\r\n" + c.key_der();
}

INSTANTIATE_TEST_SUITE_P(
    Publications, BadInput,
    ::testing::Values(
        BadCase{"malformed multipart",
                [] {
                  return PublicationBody{"multipart/mixed;boundary=e2e-cut-short", truncated_multipart_body("e2e-cut-short")};
                },
                400, "Malformed Multipart Body", "missing closing boundary"},
        BadCase{"multipart without boundary",
                [] { return PublicationBody{"multipart/mixed", credential_body("x", "y").body}; }, 400,
                "Multipart Body Without Boundary", ""},
        BadCase{"key of another certificate",
                [] {
                  const auto c = make_credential(kAor);
                  const auto other = make_credential(kAor);
                  return credential_body(c.certificate_der(), other.key_der());
                },
                400, "PKCS#8 Key Does Not Match Certificate", "Private key does not match certificate"},
        BadCase{"certificate in PEM",
                [] { return certificate_body(make_credential(kAor).certificate.to_pem()); }, 400,
                "Certificate Is PEM, DER Required", ""},
        BadCase{"key in PEM",
                [] {
                  const auto c = make_credential(kAor);
                  return credential_body(c.certificate_der(), c.key.to_pkcs8_pem());
                },
                400, "PKCS#8 Key Is PEM, DER Required", ""},
        BadCase{"certificate not DER", [] { return certificate_body(std::string("\x30\x82\x01\x00garbage", 11)); },
                400, "Certificate Is Not Valid DER", ""},
        BadCase{"SAN of another AOR",
                [] { return certificate_body(make_credential(kAor, naming("mallory@example.test")).certificate_der()); },
                403, "No SubjectAltName URI matches the AOR", "No SubjectAltName URI matches the AOR"},
        BadCase{"expired certificate",
                [] { return certificate_body(make_credential(kAor, expired()).certificate_der()); }, 400,
                "Certificate expired", "Certificate expired"},
        BadCase{"CA certificate", [] { return certificate_body(make_credential(kAor, ca()).certificate_der()); },
                400, "Certificate is a CA certificate", "Certificate is a CA certificate"},
        BadCase{"weak key", [] { return certificate_body(make_credential(kAor, weak()).certificate_der()); },
                400, "Weak key", "RSA below 2048 bits"},
        BadCase{"unsupported media type",
                [] { return PublicationBody{"text/plain", "not a certificate"}; }, 415, "Unsupported Media Type",
                ""}),
    [](const ::testing::TestParamInfo<BadCase>& case_info) {
      std::string name;
      for (const char ch : case_info.param.label) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
      return name;
    });

}  // namespace
}  // namespace credsvc::testing::events
