// The JSON shapes of `credsvc admin --json` and the admin API.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "certs/bytes.hpp"
#include "http/admin_json.hpp"
#include "test_certificates.hpp"

namespace credsvc::testing::admin {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

const db::TimePoint kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} + 12h;

db::Credential credential_at(db::TimePoint not_before, db::TimePoint not_after, db::TimePoint publication_expires) {
  const auto leaf = issue_leaf("alice.example.test", p256_key());
  db::Credential c;
  c.aor = "alice@example.test";
  const auto der = leaf.cert.to_der();
  c.certificate_der.assign(der.begin(), der.end());
  c.spki_sha256 = leaf.cert.spki_fingerprint_sha256();
  c.not_before = not_before;
  c.not_after = not_after;
  c.publication_expires = publication_expires;
  c.etag = "e1";
  c.version = 3;
  c.updated_at = kNow - 1h;
  return c;
}

TEST(AdminJson, DomainDescribesItsLeafCertificates) {
  const auto tls = issue_leaf("example.test", p256_key());
  db::Domain d;
  d.name = "example.test";
  d.realm = "example.test";
  d.tls = db::PemPair{tls.chain_pem, tls.key_pem};
  d.created_at = kNow;
  const auto j = http::domain_json(d);
  EXPECT_EQ(j.at("name").as_string(), "example.test");
  EXPECT_TRUE(j.at("identity").is_null());
  EXPECT_EQ(j.at("created_at").as_string(), "2026-11-21T12:00:00Z");
  const auto& t = j.at("tls").as_object();
  EXPECT_EQ(t.at("subject").as_string(), "CN=example.test");
  EXPECT_EQ(t.at("san_dns").as_array().at(0).as_string(), "example.test");
  EXPECT_EQ(t.at("key").as_string(), "EC-256");
  EXPECT_EQ(t.at("chain_length").as_uint64(), 2u);
  EXPECT_EQ(t.at("spki_sha256").as_string(), tls.cert.spki_fingerprint_sha256());
  EXPECT_EQ(json::serialize(j).find("PRIVATE"), std::string::npos) << "no key material";
}

TEST(AdminJson, CredentialShowsItsCertificateAndNeverItsKey) {
  auto c = credential_at(kNow - 1h, kNow + 24h, kNow + 1h);
  const auto plain = p256_key().to_pkcs8_der();
  c.pkcs8_der = db::Bytes(plain.begin(), plain.end());
  auto j = http::credential_json(c);
  EXPECT_EQ(j.at("subject").as_string(), "CN=alice.example.test");
  EXPECT_EQ(j.at("key").as_string(), "plain");
  EXPECT_EQ(j.at("version").as_int64(), 3);
  EXPECT_EQ(j.at("publication_expires").as_string(), "2026-11-21T13:00:00Z");
  const auto encrypted = p256_key().to_encrypted_pkcs8_der("pw", 1000);
  c.pkcs8_der = db::Bytes(encrypted.begin(), encrypted.end());
  EXPECT_EQ(http::credential_json(c).at("key").as_string(), "encrypted");
  c.pkcs8_der.reset();
  c.certificate_der = {0x30, 0x00};
  j = http::credential_json(c);
  EXPECT_EQ(j.at("key").as_string(), "none");
  EXPECT_FALSE(j.contains("subject"));
  EXPECT_NE(j.at("error").as_string().find("stored certificate unreadable"), json::string::npos);
}

TEST(AdminJson, StatusFollowsTheClockAndTheUser) {
  const auto status = [](db::Credential c, bool enabled) {
    return std::string(http::credential_status({std::move(c), enabled}, kNow));
  };
  EXPECT_EQ(status(credential_at(kNow - 1h, kNow + 24h, kNow + 1h), true), "active");
  EXPECT_EQ(status(credential_at(kNow - 1h, kNow + 24h, kNow + 1h), false), "disabled");
  EXPECT_EQ(status(credential_at(kNow + 1h, kNow + 24h, kNow + 2h), true), "not_yet_valid");
  EXPECT_EQ(status(credential_at(kNow - 24h, kNow - 1h, kNow + 1h), true), "expired");
  EXPECT_EQ(status(credential_at(kNow - 1h, kNow + 24h, kNow - 1s), true), "lapsed");
}

TEST(AdminJson, ListingLinesCarryStatusAndTheSoonerExpiry) {
  const auto j = http::listed_credential_json({credential_at(kNow - 1h, kNow + 24h, kNow + 1h), true}, kNow);
  EXPECT_EQ(j.at("aor").as_string(), "alice@example.test");
  EXPECT_EQ(j.at("status").as_string(), "active");
  EXPECT_EQ(j.at("expires_at").as_string(), "2026-11-21T13:00:00Z");  // the publication lapses first
  EXPECT_EQ(j.at("subject").as_string(), "CN=alice.example.test");
  const auto later = http::listed_credential_json({credential_at(kNow - 1h, kNow + 2h, kNow + 5h), true}, kNow);
  EXPECT_EQ(later.at("expires_at").as_string(), "2026-11-21T14:00:00Z");  // the certificate does

  const db::RevokedKey key{std::string(64, 'a'), "bob@example.test", "lost laptop", kNow, "token:abc"};
  const auto r = http::listed_revoked_key_json(key);
  EXPECT_EQ(r.at("status").as_string(), "revoked");
  EXPECT_TRUE(r.at("expires_at").is_null());
  EXPECT_EQ(r.at("reason").as_string(), "lost laptop");
  EXPECT_EQ(r.at("revoked_by").as_string(), "token:abc");
}

TEST(AdminJson, AddressShowsUserCredentialAndRevokedKeys) {
  http::AddressView view;
  auto j = http::address_json("carol@example.test", view);
  EXPECT_TRUE(j.at("enabled").is_null());
  EXPECT_FALSE(j.contains("password_changed_at"));
  EXPECT_TRUE(j.at("credential").is_null());
  EXPECT_TRUE(j.at("revoked_keys").as_array().empty());

  db::User u;
  u.aor = "carol@example.test";
  u.enabled = false;
  u.password_changed_at = kNow;
  view.user = u;
  view.revoked.push_back({std::string(64, 'b'), u.aor, "rotated", kNow, "admin:cli:root"});
  j = http::address_json(u.aor, view);
  EXPECT_FALSE(j.at("enabled").as_bool());
  EXPECT_EQ(j.at("password_changed_at").as_string(), "2026-11-21T12:00:00Z");
  EXPECT_EQ(j.at("revoked_keys").as_array().at(0).at("reason").as_string(), "rotated");
}

TEST(AdminJson, AuditEntriesAndTokens) {
  db::AuditEntry e;
  e.id = 7;
  e.at = kNow;
  e.actor = "token:abc";
  e.action = "revoke";
  e.aor = "alice@example.test";
  e.detail = R"({"reason":"<b>lost</b>"})";
  const auto j = http::audit_entry_json(e);
  EXPECT_EQ(j.at("detail").at("reason").as_string(), "<b>lost</b>");  // kept as data
  EXPECT_TRUE(j.at("domain").is_null());
  EXPECT_EQ(j.at("aor").as_string(), "alice@example.test");

  db::ApiToken t{"abc", "ops", "admin", kNow, "admin:cli:root", std::nullopt};
  EXPECT_TRUE(http::api_token_json(t).at("revoked_at").is_null());
  t.revoked_at = kNow + 1h;
  const auto tj = http::api_token_json(t);
  EXPECT_EQ(tj.at("revoked_at").as_string(), "2026-11-21T13:00:00Z");
  EXPECT_EQ(tj.size(), 6u);  // id, name, scope, created_at, created_by, revoked_at: never a secret
}

}  // namespace
}  // namespace credsvc::testing::admin
