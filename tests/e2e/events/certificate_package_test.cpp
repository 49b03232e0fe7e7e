// The certificate package (RFC 6072 §7, issue 5 item 2): anyone may
// subscribe; the NOTIFY carries the DER certificate as a signal, or nothing;
// every NOTIFY is signed by the domain's authentication service and verifies
// with the identity certificate the server publishes over HTTPS.
#include "events_test.hpp"

namespace credsvc::testing::events {
namespace {
using namespace std::chrono_literals;

class CertificatePackage : public EventsTest {
 protected:
  static void SetUpTestSuite() {
    start_suite({});
    deployment().add_user("alice", "alice-pw");
    alice_ = std::make_unique<UserCredential>(make_credential(aor("alice")));
    auto owner = ua("alice", "alice-pw");
    const auto body = certificate_body(alice_->certificate_der());
    const auto r = owner->publish(uri("alice"), 3600, body.content_type, body.body);
    ASSERT_EQ(r.status(), 200) << r.reason();
  }
  static void TearDownTestSuite() {
    alice_.reset();
    stop_suite();
  }

  // Fetches (Expires: 0) `target` as an unauthenticated watcher.
  static std::optional<ReceivedNotify> fetch(const std::string& target, const std::string& extra_headers = {}) {
    auto watcher = ua();
    const auto r = watcher->subscribe(target, "certificate", 0, nullptr, extra_headers);
    EXPECT_EQ(r.status(), 200) << target;
    if (r.status() != 200) return std::nullopt;
    return watcher->next_notify();
  }

  static std::unique_ptr<UserCredential> alice_;
};

std::unique_ptr<UserCredential> CertificatePackage::alice_;

TEST_F(CertificatePackage, NoAuthenticationAndTheDerCertificateAsASignal) {
  auto watcher = ua();  // answers no challenge
  Dialog d;
  const auto r = watcher->subscribe(uri("alice"), "certificate", 600, &d);
  ASSERT_EQ(r.status(), 200) << "the certificate package must not ask for authentication";
  const auto n = watcher->next_notify();
  ASSERT_TRUE(n);
  EXPECT_EQ(header_value(n->msg, "Content-Type"), "application/pkix-cert");
  const auto disposition = n->msg.content_disposition();
  ASSERT_TRUE(disposition && disposition.value());
  EXPECT_EQ(disposition.value()->type, "signal");
  EXPECT_EQ(n->msg.body(), alice_->certificate_der());
  // RFC 6072 §7: the NOTIFY is From the AOR whose certificate it carries.
  ASSERT_TRUE(n->msg.from());
  EXPECT_EQ(header_value(n->msg, "From"), "<sip:alice@example.test>;tag=" + d.remote_tag);
  EXPECT_TRUE(signed_by_domain(*n));
}

TEST_F(CertificatePackage, IdentityCoversTheBody) {
  const auto n = fetch(uri("alice"));
  ASSERT_TRUE(n);
  ASSERT_TRUE(signed_by_domain(*n));
  EXPECT_FALSE(header_value(n->msg, "Date").empty());
  EXPECT_TRUE(header_value(n->msg, "Identity-Info").find("alg=rsa-sha256") != std::string::npos)
      << header_value(n->msg, "Identity-Info");
  // The same NOTIFY with one byte of the certificate changed must not verify.
  std::string tampered = n->raw;
  const auto at = tampered.size() - 20;
  tampered[at] = static_cast<char>(tampered[at] ^ 0x01);
  const auto forged = ReceivedNotify{parse_sip(tampered), tampered, n->at};
  EXPECT_FALSE(signed_by_domain(forged));
}

TEST_F(CertificatePackage, NoCredentialGivesASignedEmptyNotify) {
  for (const std::string name : {"frank", "nobody-registered"}) {
    SCOPED_TRACE(name);
    if (name == "frank") deployment().add_user("frank", "frank-pw");
    const auto n = fetch(uri(name));
    ASSERT_TRUE(n);
    EXPECT_TRUE(n->msg.body().empty());
    EXPECT_TRUE(header_value(n->msg, "Content-Type").empty());
    EXPECT_TRUE(signed_by_domain(*n));
  }
}

TEST_F(CertificatePackage, WithoutExpiresTheSubscriptionLastsOneDay) {
  auto watcher = ua();
  const auto r = watcher->subscribe(uri("alice"), "certificate", std::nullopt);
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(header_value(r, "Expires"), "86400");  // RFC 6072 §7: one day by default
  const auto n = watcher->next_notify();
  ASSERT_TRUE(n);
  const auto state = subscription_state(n->msg);
  ASSERT_TRUE(state.expires);
  EXPECT_GT(*state.expires, 86390u);
}

TEST_F(CertificatePackage, DomainNotHostedGets404) {
  auto watcher = ua();
  EXPECT_EQ(watcher->subscribe("sip:alice@elsewhere.example", "certificate", 600).status(), 404);
  EXPECT_FALSE(watcher->next_notify(300ms));
}

TEST_F(CertificatePackage, AcceptWithoutPkixCertGets406) {
  auto watcher = ua();
  const auto r = watcher->subscribe(uri("alice"), "certificate", 600, nullptr, "Accept: text/plain\r\n");
  EXPECT_EQ(r.status(), 406);
  EXPECT_TRUE(header_value(r, "Accept").find("application/pkix-cert") != std::string::npos);
  EXPECT_FALSE(watcher->next_notify(300ms));
  // Accept naming it (among others, or by a range) is fine.
  const auto n = fetch(uri("alice"), "Accept: text/plain, application/pkix-cert\r\n");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->msg.body(), alice_->certificate_der());
  ASSERT_TRUE(fetch(uri("alice"), "Accept: application/*\r\n"));
}

TEST_F(CertificatePackage, SipsAndGruuFormsReachTheSameResource) {
  for (const std::string& target : {uri("alice", "sips"), uri("alice") + ";gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
                                   std::string("sips:alice@EXAMPLE.test;gr")}) {
    SCOPED_TRACE(target);
    const auto n = fetch(target);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->msg.body(), alice_->certificate_der());
    EXPECT_TRUE(signed_by_domain(*n));
  }
}

TEST_F(CertificatePackage, PublishInThisPackageGets489) {
  auto owner = ua("alice", "alice-pw");
  Dialog d = owner->new_dialog(uri("alice"));
  const auto r = owner->send(
      d, OutRequest{"PUBLISH", "certificate", 3600, {}, "application/pkix-cert", alice_->certificate_der()});
  EXPECT_EQ(r.status(), 489);
}

}  // namespace
}  // namespace credsvc::testing::events
