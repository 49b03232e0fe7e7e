// The credential package (RFC 6072 §8, issue 5 item 3): Digest first, only
// the AOR's own user; the NOTIFY carries the certificate and the PKCS#8 key
// as binary multipart/mixed parts with the publication's etag in Event; a
// revocation or a new password ends the subscription "deactivated".
#include <boost/asio/use_future.hpp>

#include "events_test.hpp"

namespace credsvc::testing::events {
namespace {
using namespace std::chrono_literals;

class CredentialPackage : public EventsTest {
 protected:
  static void SetUpTestSuite() { start_suite({"--notify-interval", "2"}); }
  static void TearDownTestSuite() { stop_suite(); }

  // Adds `name` and publishes a fresh certificate with its plain key; returns
  // the credential and the SIP-ETag.
  static std::pair<UserCredential, std::string> user_with_credential(const std::string& name) {
    deployment().add_user(name, name + "-pw");
    auto c = make_credential(aor(name));
    auto owner = ua(name, name + "-pw");
    const auto body = credential_body(c.certificate_der(), c.key_der());
    const auto r = owner->publish(uri(name), 3600, body.content_type, body.body);
    EXPECT_EQ(r.status(), 200) << r.reason();
    return {std::move(c), etag_of(r)};
  }
};

TEST_F(CredentialPackage, SubscribeNeedsDigest) {
  user_with_credential("gina");
  auto anonymous = ua();
  const auto challenged = anonymous->subscribe(uri("gina"), "credential", 600);
  EXPECT_EQ(challenged.status(), 401);
  EXPECT_FALSE(anonymous->next_notify(300ms));

  auto wrong = ua("gina", "not-her-password");
  EXPECT_EQ(wrong->subscribe(uri("gina"), "credential", 600).status(), 401);

  auto owner = ua("gina", "gina-pw");
  EXPECT_EQ(owner->subscribe(uri("gina"), "credential", 600).status(), 200);
  EXPECT_TRUE(owner->next_notify());
}

TEST_F(CredentialPackage, AnotherAuthenticatedUserIsForbidden) {
  user_with_credential("hank");
  deployment().add_user("ivan", "ivan-pw");
  auto other = ua("ivan", "ivan-pw");
  EXPECT_EQ(other->subscribe(uri("hank"), "credential", 600).status(), 403);
  EXPECT_FALSE(other->next_notify(300ms));
  // Nor may he publish for hank.
  const auto c = make_credential(aor("hank"));
  const auto body = certificate_body(c.certificate_der());
  EXPECT_EQ(other->publish(uri("hank"), 3600, body.content_type, body.body).status(), 403);
}

TEST_F(CredentialPackage, NotifyCarriesCertificateAndKeyWithTheEtag) {
  const auto [credential, etag] = user_with_credential("jane");
  ASSERT_FALSE(etag.empty());
  auto owner = ua("jane", "jane-pw");
  Dialog d;
  const auto r = owner->subscribe(uri("jane"), "credential", 600, &d);
  ASSERT_EQ(r.status(), 200);
  const auto n = owner->next_notify();
  ASSERT_TRUE(n);
  EXPECT_EQ(subscription_state(n->msg).state, "active");
  EXPECT_EQ(header_value(n->msg, "From"), "<sip:jane@example.test>;tag=" + d.remote_tag);
  const auto event = n->msg.event();
  ASSERT_TRUE(event && event.value());
  EXPECT_EQ(event.value()->type, "credential");
  EXPECT_EQ(event.value()->etag().value_or(""), etag) << "Event etag is not the publication's SIP-ETag";
  const auto type = n->msg.content_type();
  ASSERT_TRUE(type && type.value());
  EXPECT_TRUE(type.value()->is("multipart", "mixed"));
  const auto disposition = n->msg.content_disposition();
  ASSERT_TRUE(disposition && disposition.value());
  EXPECT_EQ(disposition.value()->type, "signal");
  const auto parts = parts_of(n->msg);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts.at("application/pkix-cert"), credential.certificate_der());
  EXPECT_EQ(parts.at("application/pkcs8"), credential.key_der());
  EXPECT_TRUE(signed_by_domain(*n));
}

TEST_F(CredentialPackage, RefreshInTheDialogAuthenticatesAndNotifies) {
  const auto [credential, etag] = user_with_credential("otto");
  auto owner = ua("otto", "otto-pw");
  Dialog d;
  ASSERT_EQ(owner->subscribe(uri("otto"), "credential", 600, &d).status(), 200);
  ASSERT_TRUE(owner->next_notify());
  const auto r = owner->refresh(d, "credential", 300);  // answers a fresh 401 itself
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(header_value(r, "Expires"), "300");
  const auto n = owner->next_notify();
  ASSERT_TRUE(n);
  EXPECT_EQ(subscription_state(n->msg).state, "active");
  EXPECT_EQ(parts_of(n->msg)["application/pkix-cert"], credential.certificate_der());
  EXPECT_TRUE(signed_by_domain(*n));
  // Without credentials the same refresh is challenged, not granted.
  auto stranger = ua();
  Dialog copied = d;
  EXPECT_EQ(stranger->refresh(copied, "credential", 600).status(), 401);
}

// RFC 6072 §8.7: the etag in Event follows the publication, so a device
// can make its next PUBLISH conditional on what it was told.
TEST_F(CredentialPackage, SubscribersLearnEachNewEtag) {
  const auto [credential, first_etag] = user_with_credential("omar");
  auto owner = ua("omar", "omar-pw");
  ASSERT_EQ(owner->subscribe(uri("omar"), "credential", 600).status(), 200);
  const auto initial = owner->next_notify();
  ASSERT_TRUE(initial);
  const auto etag_in = [](const ReceivedNotify& n) {
    const auto event = n.msg.event();
    return event && event.value() ? std::string(event.value()->etag().value_or("")) : std::string();
  };
  EXPECT_EQ(etag_in(*initial), first_etag);

  auto device = ua("omar", "omar-pw");
  const auto refreshed = device->publish(uri("omar"), 1200, {}, {}, "SIP-If-Match: " + first_etag + "\r\n");
  ASSERT_EQ(refreshed.status(), 200);
  const auto after_refresh = owner->next_notify();
  ASSERT_TRUE(after_refresh) << "a refreshed publication's new etag was not notified";
  EXPECT_EQ(etag_in(*after_refresh), etag_of(refreshed));
  EXPECT_EQ(parts_of(after_refresh->msg)["application/pkix-cert"], credential.certificate_der());

  const auto replacement = make_credential(aor("omar"));
  const auto body = credential_body(replacement.certificate_der(), replacement.key_der());
  const auto replaced = device->publish(uri("omar"), 3600, body.content_type, body.body,
                                        "SIP-If-Match: " + etag_of(refreshed) + "\r\n");
  ASSERT_EQ(replaced.status(), 200);
  const auto after_replace = owner->next_notify(4s);  // within the rate limit's interval
  ASSERT_TRUE(after_replace);
  EXPECT_EQ(etag_in(*after_replace), etag_of(replaced));
  auto parts = parts_of(after_replace->msg);
  EXPECT_EQ(parts["application/pkix-cert"], replacement.certificate_der());
  EXPECT_EQ(parts["application/pkcs8"], replacement.key_der());
  EXPECT_TRUE(signed_by_domain(*after_replace));
}

TEST_F(CredentialPackage, ExpiresNeverBeyondTheCertificate) {
  deployment().add_user("kyle", "kyle-pw");
  CredentialSpec spec;
  spec.lifetime = std::chrono::seconds(600);
  const auto c = make_credential(aor("kyle"), spec);
  auto owner = ua("kyle", "kyle-pw");
  const auto body = certificate_body(c.certificate_der());
  ASSERT_EQ(owner->publish(uri("kyle"), 3600, body.content_type, body.body).status(), 200);
  const auto r = owner->subscribe(uri("kyle"), "credential", 86400);
  ASSERT_EQ(r.status(), 200);
  // RFC 6072 §8.4: the certificate's notAfter bounds the subscription.
  const auto granted = std::stoul(header_value(r, "Expires"));
  EXPECT_LE(granted, 600u);
  EXPECT_GT(granted, 500u);
}

TEST_F(CredentialPackage, RevocationDeactivates) {
  const auto [credential, etag] = user_with_credential("lena");
  auto owner = ua("lena", "lena-pw");
  ASSERT_EQ(owner->subscribe(uri("lena"), "credential", 600).status(), 200);
  ASSERT_TRUE(owner->next_notify());

  auto device = ua("lena", "lena-pw");
  ASSERT_EQ(device->publish(uri("lena"), 0, {}, {}, "SIP-If-Match: " + etag + "\r\n").status(), 200);
  const auto n = owner->next_notify(1s);
  ASSERT_TRUE(n) << "no NOTIFY after the revocation";
  const auto state = subscription_state(n->msg);
  EXPECT_EQ(state.state, "terminated");
  EXPECT_EQ(state.reason, "deactivated");
  EXPECT_TRUE(n->msg.body().empty());
  EXPECT_TRUE(signed_by_domain(*n));
}

TEST_F(CredentialPackage, PasswordChangeDeactivates) {
  user_with_credential("mona");
  auto owner = ua("mona", "mona-pw");
  Dialog d;
  ASSERT_EQ(owner->subscribe(uri("mona"), "credential", 600, &d).status(), 200);
  ASSERT_TRUE(owner->next_notify());

  deployment().change_password("mona", "a-new-password");
  const auto n = owner->next_notify(2s);
  ASSERT_TRUE(n) << "no NOTIFY after the password change";
  const auto state = subscription_state(n->msg);
  EXPECT_EQ(state.state, "terminated");
  EXPECT_EQ(state.reason, "deactivated");
  EXPECT_TRUE(signed_by_domain(*n));
  // The credential itself is still there for the new password.
  auto renewed = ua("mona", "a-new-password");
  EXPECT_EQ(renewed->subscribe(uri("mona"), "credential", 600).status(), 200);
  EXPECT_TRUE(renewed->next_notify());
}

// A refresh belongs to the subscription whose dialog it names only in the
// same package and for the same resource (RFC 6665 §4.1.2.2, §4.2.1.2):
// otherwise it would move a credential subscription, private key and all,
// onto a stranger's connection.
TEST_F(CredentialPackage, RefreshOfAnotherPackageOrResourceGets481) {
  const auto [credential, etag] = user_with_credential("pia");
  auto owner = ua("pia", "pia-pw");
  Dialog d;
  ASSERT_EQ(owner->subscribe(uri("pia"), "credential", 600, &d).status(), 200);
  ASSERT_TRUE(owner->next_notify());

  // The same dialog identifiers through the certificate package (no Digest) ...
  auto stranger = ua();
  Dialog copied = d;
  EXPECT_EQ(stranger->refresh(copied, "certificate", 600).status(), 481);
  // ... and by another user for his own address.
  user_with_credential("quentin");
  auto other = ua("quentin", "quentin-pw");
  Dialog redirected = d;
  redirected.request_uri = uri("quentin");
  EXPECT_EQ(other->refresh(redirected, "credential", 600).status(), 481);
  EXPECT_FALSE(stranger->next_notify(300ms));
  EXPECT_FALSE(other->next_notify(300ms));

  // The subscription stays where it was: pia's next change reaches her only.
  auto device = ua("pia", "pia-pw");
  const auto replacement = make_credential(aor("pia"));
  const auto body = credential_body(replacement.certificate_der(), replacement.key_der());
  ASSERT_EQ(device->publish(uri("pia"), 3600, body.content_type, body.body, "SIP-If-Match: " + etag + "\r\n")
                .status(),
            200);
  const auto n = owner->next_notify(4s);
  ASSERT_TRUE(n);
  EXPECT_EQ(parts_of(n->msg)["application/pkcs8"], replacement.key_der());
  EXPECT_FALSE(stranger->next_notify(500ms)) << "a stranger received pia's credential";
  EXPECT_FALSE(other->next_notify(100ms)) << "another user received pia's credential";
}

TEST_F(CredentialPackage, DisabledAccountDeactivates) {
  user_with_credential("rhea");
  auto owner = ua("rhea", "rhea-pw");
  ASSERT_EQ(owner->subscribe(uri("rhea"), "credential", 600).status(), 200);
  ASSERT_TRUE(owner->next_notify());
  deployment().store().async_set_user_enabled(aor("rhea"), false, "test", boost::asio::use_future).get();
  const auto n = owner->next_notify(2s);
  ASSERT_TRUE(n) << "no NOTIFY after the account was disabled";
  EXPECT_EQ(subscription_state(n->msg).state, "terminated");
  EXPECT_EQ(subscription_state(n->msg).reason, "deactivated");
}

TEST_F(CredentialPackage, NoCredentialGets404) {
  deployment().add_user("nora", "nora-pw");
  auto owner = ua("nora", "nora-pw");
  EXPECT_EQ(owner->subscribe(uri("nora"), "credential", 600).status(), 404);
  EXPECT_FALSE(owner->next_notify(300ms));
}

}  // namespace
}  // namespace credsvc::testing::events
