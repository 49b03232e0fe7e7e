// PUBLISH of credentials (RFC 3903, RFC 6072 §8.9-§8.10; issue 5 item 4 and
// the three deployment styles of RFC 6072 §3): ETags, conditional updates,
// refresh, removal and revocation for good, expiry of a publication.
#include <algorithm>
#include <thread>

#include "events_test.hpp"

namespace credsvc::testing::events {
namespace {
using namespace std::chrono_literals;

class Publish : public EventsTest {
 protected:
  static void SetUpTestSuite() {
    start_suite({"--notify-interval", "2", "--publication-expires-min", "1", "--expiry-sweep", "0.5"});
  }
  static void TearDownTestSuite() { stop_suite(); }

  // Publishes `c` (certificate only) for `name`; returns the response.
  static sip::Message publish_certificate(TestUa& owner, const std::string& name, const UserCredential& c,
                                          std::optional<std::uint32_t> expires = 3600,
                                          const std::string& extra_headers = {}) {
    const auto body = certificate_body(c.certificate_der());
    return owner.publish(uri(name), expires, body.content_type, body.body, extra_headers);
  }

  // The credential as its owner fetches it (credential package, Expires: 0).
  static std::optional<ReceivedNotify> fetch_credential(const std::string& name) {
    auto owner = ua(name, name + "-pw");
    const auto r = owner->subscribe(uri(name), "credential", 0);
    EXPECT_EQ(r.status(), 200) << "fetching " << name << "'s credential: " << r.status() << " " << r.reason();
    if (r.status() != 200) return std::nullopt;
    return owner->next_notify();
  }
};

TEST_F(Publish, TwoHundredWithEtagAndExpiresBoundedByNotAfter) {
  deployment().add_user("olga", "olga-pw");
  CredentialSpec spec;
  spec.lifetime = 900s;
  const auto c = make_credential(aor("olga"), spec);
  auto owner = ua("olga", "olga-pw");
  const auto audit_before = deployment().audit_rows(aor("olga"));
  const auto r = publish_certificate(*owner, "olga", c, 86400);
  ASSERT_EQ(r.status(), 200) << r.reason();
  const auto etag = etag_of(r);
  EXPECT_FALSE(etag.empty());
  const auto expires = std::stoul(header_value(r, "Expires"));
  EXPECT_LE(expires, 900u) << "a publication may not outlive its certificate";
  EXPECT_GT(expires, 800u);
  // Committed before the 200: the database has it with that etag.
  const auto stored = deployment().credential(aor("olga"));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->etag, etag);
  EXPECT_EQ(std::string(stored->certificate_der.begin(), stored->certificate_der.end()), c.certificate_der());
  EXPECT_EQ(deployment().audit_rows(aor("olga")), audit_before + 1) << "no audit row committed with the publication";
}

TEST_F(Publish, NeedsDigestOfTheOwner) {
  deployment().add_user("opal", "opal-pw");
  const auto c = make_credential(aor("opal"));
  const auto audit_before = deployment().audit_rows(aor("opal"));
  auto anonymous = ua();
  EXPECT_EQ(publish_certificate(*anonymous, "opal", c).status(), 401);
  auto wrong = ua("opal", "not-opal-pw");
  EXPECT_EQ(publish_certificate(*wrong, "opal", c).status(), 401);
  EXPECT_FALSE(deployment().credential(aor("opal")));
  EXPECT_EQ(deployment().audit_rows(aor("opal")), audit_before);
}

TEST_F(Publish, StaleIfMatchGets412AndChangesNothing) {
  deployment().add_user("pete", "pete-pw");
  auto owner = ua("pete", "pete-pw");
  const auto first = make_credential(aor("pete"));
  const auto r = publish_certificate(*owner, "pete", first);
  ASSERT_EQ(r.status(), 200);
  const auto etag = etag_of(r);
  const auto before = deployment().credential(aor("pete"));
  ASSERT_TRUE(before);

  const auto second = make_credential(aor("pete"));
  EXPECT_EQ(publish_certificate(*owner, "pete", second, 3600, "SIP-If-Match: not-" + etag + "\r\n").status(), 412);
  EXPECT_EQ(owner->publish(uri("pete"), 3600, {}, {}, "SIP-If-Match: not-" + etag + "\r\n").status(), 412);
  EXPECT_EQ(owner->publish(uri("pete"), 0, {}, {}, "SIP-If-Match: not-" + etag + "\r\n").status(), 412)
      << "a removal with a stale entity-tag must not revoke";
  const auto after = deployment().credential(aor("pete"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->etag, before->etag);
  EXPECT_EQ(after->version, before->version);

  // With the right etag the update goes through.
  const auto updated = publish_certificate(*owner, "pete", second, 3600, "SIP-If-Match: " + etag + "\r\n");
  ASSERT_EQ(updated.status(), 200);
  EXPECT_NE(etag_of(updated), etag);
  EXPECT_EQ(deployment().credential(aor("pete"))->version, before->version + 1);
}

// Two devices update from the same entity-tag at once: one wins, the other
// gets 412 (RFC 3903 §6 step 4, the check and the write in one transaction).
TEST_F(Publish, ConcurrentConditionalUpdatesHaveOneWinner) {
  deployment().add_user("ravi", "ravi-pw");
  auto owner = ua("ravi", "ravi-pw");
  const auto r = publish_certificate(*owner, "ravi", make_credential(aor("ravi")));
  ASSERT_EQ(r.status(), 200);
  const std::string if_match = "SIP-If-Match: " + etag_of(r) + "\r\n";
  const auto version = deployment().credential(aor("ravi"))->version;

  std::vector<UserCredential> candidates{make_credential(aor("ravi")), make_credential(aor("ravi"))};
  std::vector<int> statuses(2);
  std::vector<std::unique_ptr<TestUa>> devices;
  for (int i = 0; i < 2; ++i) devices.push_back(ua("ravi", "ravi-pw"));
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = publish_certificate(*devices[i], "ravi", candidates[i], 3600, if_match).status();
    });
  }
  for (auto& t : threads) t.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{200, 412}));
  const auto stored = deployment().credential(aor("ravi"));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, version + 1);
}

TEST_F(Publish, RefreshWithoutBodyGivesANewEtag) {
  deployment().add_user("quin", "quin-pw");
  auto owner = ua("quin", "quin-pw");
  const auto c = make_credential(aor("quin"));
  const auto r = publish_certificate(*owner, "quin", c, 600);
  ASSERT_EQ(r.status(), 200);
  const auto etag = etag_of(r);
  const auto before = deployment().credential(aor("quin"));

  const auto refreshed = owner->publish(uri("quin"), 1200, {}, {}, "SIP-If-Match: " + etag + "\r\n");
  ASSERT_EQ(refreshed.status(), 200) << refreshed.reason();
  const auto new_etag = etag_of(refreshed);
  EXPECT_FALSE(new_etag.empty());
  EXPECT_NE(new_etag, etag);
  EXPECT_EQ(header_value(refreshed, "Expires"), "1200");
  const auto after = deployment().credential(aor("quin"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->etag, new_etag);
  EXPECT_EQ(after->certificate_der, before->certificate_der);
  EXPECT_GT(after->publication_expires, before->publication_expires);
  // The old etag is spent.
  EXPECT_EQ(owner->publish(uri("quin"), 1200, {}, {}, "SIP-If-Match: " + etag + "\r\n").status(), 412);
}

TEST_F(Publish, RemovalAndEmptyBodyRevokeForGood) {
  // Expires: 0 with SIP-If-Match (RFC 3903 §4.5), and an empty body with no
  // SIP-If-Match (RFC 6072 §8.9): both revoke.
  for (const bool removal : {true, false}) {
    const std::string name = removal ? "rosa" : "sven";
    SCOPED_TRACE(name);
    deployment().add_user(name, name + "-pw");
    auto owner = ua(name, name + "-pw");
    const auto c = make_credential(aor(name));
    const auto r = publish_certificate(*owner, name, c);
    ASSERT_EQ(r.status(), 200);
    auto watcher = ua();
    ASSERT_EQ(watcher->subscribe(uri(name), "certificate", 600).status(), 200);
    const auto current = watcher->next_notify();
    ASSERT_TRUE(current);
    EXPECT_EQ(current->msg.body(), c.certificate_der());

    const auto revoked = removal ? owner->publish(uri(name), 0, {}, {}, "SIP-If-Match: " + etag_of(r) + "\r\n")
                                 : owner->publish(uri(name), std::nullopt, {}, {});
    ASSERT_EQ(revoked.status(), 200) << revoked.reason();
    const auto n = watcher->next_notify(1s);
    ASSERT_TRUE(n) << "certificate subscribers were not told";
    EXPECT_TRUE(n->msg.body().empty());
    EXPECT_EQ(subscription_state(n->msg).state, "active");
    EXPECT_TRUE(signed_by_domain(*n));
    EXPECT_FALSE(deployment().credential(aor(name)));

    // RFC 6072 §8.9: the key can never be published again: not in the old
    // certificate, not in a new one, not with its private key.
    const auto again = publish_certificate(*owner, name, c);
    EXPECT_EQ(again.status(), 403);
    EXPECT_EQ(again.reason(), "Key Has Been Revoked");
    CredentialSpec same_key;
    same_key.key = c.key;
    const auto reissued = make_credential(aor(name), same_key);
    const auto with_key = credential_body(reissued.certificate_der(), reissued.key_der());
    const auto refused = owner->publish(uri(name), 3600, with_key.content_type, with_key.body);
    EXPECT_EQ(refused.status(), 403);
    EXPECT_EQ(refused.reason(), "Key Has Been Revoked");
    EXPECT_FALSE(deployment().credential(aor(name)));
    // A new key is welcome.
    EXPECT_EQ(publish_certificate(*owner, name, make_credential(aor(name))).status(), 200);
  }
}

// Revoking a key removes it wherever it is published (the key is what is
// revoked), and that address's subscribers are told too.
TEST_F(Publish, RevokedKeyIsRemovedFromEveryAddressThatPublishedIt) {
  deployment().add_user("sami", "sami-pw");
  deployment().add_user("sami2", "sami2-pw");
  const auto first = make_credential(aor("sami"));
  CredentialSpec same_key;
  same_key.key = first.key;
  const auto second = make_credential(aor("sami2"), same_key);
  auto sami = ua("sami", "sami-pw");
  auto sami2 = ua("sami2", "sami2-pw");
  ASSERT_EQ(publish_certificate(*sami, "sami", first).status(), 200);
  ASSERT_EQ(publish_certificate(*sami2, "sami2", second).status(), 200);
  auto watcher = ua();
  ASSERT_EQ(watcher->subscribe(uri("sami2"), "certificate", 600).status(), 200);
  const auto current = watcher->next_notify();
  ASSERT_TRUE(current);
  EXPECT_EQ(current->msg.body(), second.certificate_der());

  ASSERT_EQ(sami->publish(uri("sami"), 0, {}, {}).status(), 200);
  const auto n = watcher->next_notify(1s);
  ASSERT_TRUE(n) << "subscribers of the other address were not told";
  EXPECT_TRUE(n->msg.body().empty());
  EXPECT_FALSE(deployment().credential(aor("sami2")));
  EXPECT_EQ(publish_certificate(*sami2, "sami2", second).status(), 403);
}

TEST_F(Publish, ExpiredPublicationIsRemovedAndNotified) {
  deployment().add_user("tina", "tina-pw");
  auto owner = ua("tina", "tina-pw");
  const auto c = make_credential(aor("tina"));
  auto watcher = ua();
  ASSERT_EQ(watcher->subscribe(uri("tina"), "certificate", 600).status(), 200);
  ASSERT_TRUE(watcher->next_notify());

  const auto r = publish_certificate(*owner, "tina", c, 2);
  ASSERT_EQ(r.status(), 200);
  EXPECT_EQ(header_value(r, "Expires"), "2");
  const auto published = watcher->next_notify();
  ASSERT_TRUE(published);
  EXPECT_EQ(published->msg.body(), c.certificate_der());
  auto device = ua("tina", "tina-pw");
  ASSERT_EQ(device->subscribe(uri("tina"), "credential", 600).status(), 200);
  ASSERT_TRUE(device->next_notify());

  const auto gone = watcher->next_notify(5s);
  ASSERT_TRUE(gone) << "the lapsed publication was not notified";
  EXPECT_TRUE(gone->msg.body().empty());
  EXPECT_GE(seconds_between(published->at, gone->at), 1.0);
  EXPECT_TRUE(signed_by_domain(*gone));
  EXPECT_FALSE(deployment().credential(aor("tina")));
  const auto deactivated = device->next_notify(1s);
  ASSERT_TRUE(deactivated) << "credential subscribers were not told of the expiry";
  EXPECT_EQ(subscription_state(deactivated->msg).state, "terminated");
  EXPECT_EQ(subscription_state(deactivated->msg).reason, "deactivated");
  // An expiry is not a revocation: the key may be published again.
  EXPECT_EQ(publish_certificate(*owner, "tina", c).status(), 200);
}

// RFC 6072 §3: certificate only; certificate and an encrypted key; certificate
// and a plain key. Each comes back intact through the credential package.
TEST_F(Publish, ThreeDeploymentStylesRoundTrip) {
  struct Style {
    std::string name;
    enum { certificate_only, encrypted_key, plain_key } kind;
  };
  for (const auto& style : {Style{"uma", Style::certificate_only}, Style{"vera", Style::encrypted_key},
                            Style{"walt", Style::plain_key}}) {
    SCOPED_TRACE(style.name);
    deployment().add_user(style.name, style.name + "-pw");
    const auto c = make_credential(aor(style.name));
    std::optional<std::string> key;
    if (style.kind == Style::encrypted_key) key = c.encrypted_key_der("correct horse battery staple");
    if (style.kind == Style::plain_key) key = c.key_der();
    const auto body = key ? credential_body(c.certificate_der(), *key) : certificate_body(c.certificate_der());
    auto owner = ua(style.name, style.name + "-pw");
    const auto r = owner->publish(uri(style.name), 3600, body.content_type, body.body);
    ASSERT_EQ(r.status(), 200) << r.reason();

    const auto n = fetch_credential(style.name);
    ASSERT_TRUE(n);
    EXPECT_TRUE(signed_by_domain(*n));
    const auto event = n->msg.event();
    ASSERT_TRUE(event && event.value());
    EXPECT_EQ(event.value()->etag().value_or(""), etag_of(r));
    const auto parts = parts_of(n->msg);
    ASSERT_EQ(parts.size(), key ? 2u : 1u);
    EXPECT_EQ(parts.at("application/pkix-cert"), c.certificate_der());
    if (!key) continue;
    EXPECT_EQ(parts.at("application/pkcs8"), *key);
    // The key the UA gets back is usable: decrypt (or read) it and match.
    const auto bytes = certs::as_bytes(parts.at("application/pkcs8"));
    const auto back = style.kind == Style::encrypted_key
                          ? certs::PrivateKey::from_encrypted_pkcs8_der(bytes, "correct horse battery staple")
                          : certs::PrivateKey::from_pkcs8_der(bytes);
    EXPECT_TRUE(back.matches(c.certificate));
  }
}

}  // namespace
}  // namespace credsvc::testing::events
