// Credentials, revocation, expiry and the audit trail, through the store.
#include <boost/asio/use_future.hpp>

#include "db/errors.hpp"
#include "db_fixture.hpp"

namespace credsvc::db::test {
namespace {

using boost::asio::use_future;

class DbCredentials : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    store_ = std::make_unique<Store>(store_options());
    store_->async_add_domain(test_domain("example.com"), "t", use_future).get();
    store_->async_add_user(test_user("alice@example.com"), "t", use_future).get();
    store_->async_add_user(test_user("bob@example.com", 2), "t", use_future).get();
  }

  Store& store() { return *store_; }

  Credential put(const Credential& c, const std::optional<std::string>& if_match = std::nullopt) {
    return store().async_put_credential(c, "user:" + c.aor, if_match, use_future).get();
  }
  std::optional<Credential> get(const std::string& aor) {
    return store().async_get_credential(aor, use_future).get();
  }
  std::int64_t audit_rows() { return count("SELECT count(*) FROM audit"); }

  std::unique_ptr<Store> store_;
};

void expect_same_content(const Credential& a, const Credential& b) {
  EXPECT_EQ(a.aor, b.aor);
  EXPECT_EQ(a.certificate_der, b.certificate_der);
  EXPECT_EQ(a.pkcs8_der, b.pkcs8_der);
  EXPECT_EQ(a.spki_sha256, b.spki_sha256);
  EXPECT_EQ(a.not_before, b.not_before);
  EXPECT_EQ(a.not_after, b.not_after);
  EXPECT_EQ(a.etag, b.etag);
  EXPECT_EQ(a.publication_expires, b.publication_expires);
}

TEST_F(DbCredentials, PutAndGetRoundTripByteForByte) {
  const Credential c = test_credential("alice@example.com", 1);
  const Credential stored = put(c);
  expect_same_content(stored, c);
  EXPECT_EQ(stored.version, 1);

  const auto got = get("alice@EXAMPLE.com");
  ASSERT_TRUE(got.has_value());
  expect_same_content(*got, c);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->updated_at, stored.updated_at);
  EXPECT_FALSE(get("bob@example.com").has_value());

  // The audit row commits with the change.
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'publish' AND aor = 'alice@example.com' AND "
                  "actor = 'user:alice@example.com' AND detail->>'spki_sha256' = '" + c.spki_sha256 + "'"),
            1);
}

TEST_F(DbCredentials, ReplaceIncrementsVersionAndKeyIsOptional) {
  put(test_credential("alice@example.com", 1));
  Credential next = test_credential("alice@example.com", 2);
  next.pkcs8_der.reset();
  const Credential stored = put(next);
  EXPECT_EQ(stored.version, 2);
  const auto got = get("alice@example.com");
  ASSERT_TRUE(got);
  expect_same_content(*got, next);
  EXPECT_FALSE(got->pkcs8_der.has_value());
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'publish' AND detail->>'replaced_spki_sha256' IS NOT NULL"),
            1);
}

TEST_F(DbCredentials, ConditionalPutAndRefresh) {
  const auto first = put(test_credential("alice@example.com", 1));
  // RFC 3903 §4.4: a stale entity-tag must not overwrite.
  EXPECT_THROW(put(test_credential("alice@example.com", 2), std::string("stale")), PreconditionFailed);
  EXPECT_THROW(put(test_credential("bob@example.com", 3), std::string("anything")), PreconditionFailed);
  const auto second = put(test_credential("alice@example.com", 2), first.etag);
  EXPECT_EQ(second.version, 2);

  const auto expires = micros_now() + 2h;
  const auto refreshed =
      store().async_refresh_publication("alice@example.com", second.etag, "etag-r", expires, "t", use_future).get();
  EXPECT_EQ(refreshed.etag, "etag-r");
  EXPECT_EQ(refreshed.publication_expires, expires);
  EXPECT_EQ(refreshed.version, 2);
  EXPECT_EQ(refreshed.certificate_der, second.certificate_der);
  EXPECT_THROW(
      store().async_refresh_publication("alice@example.com", second.etag, "x", expires, "t", use_future).get(),
      PreconditionFailed);
  EXPECT_THROW(store().async_refresh_publication("bob@example.com", "e", "x", expires, "t", use_future).get(),
               NotFound);
}

TEST_F(DbCredentials, PutForUnknownUserFailsWithoutAudit) {
  const auto before = audit_rows();
  EXPECT_THROW(put(test_credential("nobody@example.com", 1)), NotFound);
  EXPECT_EQ(audit_rows(), before);
  EXPECT_EQ(count("SELECT count(*) FROM credentials"), 0);
}

TEST_F(DbCredentials, RevokeThenRepublishOfSameKeyIsRefused) {
  const Credential c = test_credential("alice@example.com", 1);
  put(c);
  const auto revoked = store().async_revoke_credential("alice@example.com", "key compromise", "admin:t", use_future).get();
  ASSERT_TRUE(revoked.has_value());
  expect_same_content(*revoked, c);
  EXPECT_FALSE(get("alice@example.com").has_value());
  EXPECT_TRUE(store().async_is_key_revoked(c.spki_sha256, use_future).get());
  EXPECT_FALSE(store().async_is_key_revoked(test_hex(64, 4242), use_future).get());

  const auto keys = store().async_list_revoked_keys(std::string("alice@example.com"), use_future).get();
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].spki_sha256, c.spki_sha256);
  EXPECT_EQ(keys[0].reason, "key compromise");
  EXPECT_EQ(keys[0].revoked_by, "admin:t");
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'revoke' AND aor = 'alice@example.com'"), 1);

  const auto audit_before = audit_rows();
  EXPECT_THROW(put(c), KeyRevoked);
  // Same key under another AOR, and with a new certificate: still refused.
  Credential other = test_credential("bob@example.com", 9);
  other.spki_sha256 = c.spki_sha256;
  EXPECT_THROW(put(other), KeyRevoked);
  EXPECT_FALSE(get("alice@example.com").has_value());
  EXPECT_FALSE(get("bob@example.com").has_value());
  EXPECT_EQ(audit_rows(), audit_before);

  // Nothing left to revoke.
  EXPECT_FALSE(store().async_revoke_credential("alice@example.com", "", "t", use_future).get().has_value());
  EXPECT_FALSE(store().async_revoke_credential("ghost@example.com", "", "t", use_future).get().has_value());
}

TEST_F(DbCredentials, FailedPutLeavesPreviousCredentialIntact) {
  const Credential current = test_credential("alice@example.com", 1);
  const Credential stored = put(current);

  // A revoked key: refused.
  Credential revoked_key = test_credential("bob@example.com", 2);
  put(revoked_key);
  store().async_revoke_credential("bob@example.com", "", "t", use_future).get();
  Credential attempt = test_credential("alice@example.com", 3);
  attempt.spki_sha256 = revoked_key.spki_sha256;
  const auto audit_before = audit_rows();
  EXPECT_THROW(put(attempt), KeyRevoked);

  // A value the schema rejects (validity ends before it starts): refused by
  // the database after earlier statements of the transaction succeeded.
  Credential invalid = test_credential("alice@example.com", 4);
  invalid.not_after = invalid.not_before - 1h;
  EXPECT_THROW(put(invalid), InvalidArgument);

  const auto got = get("alice@example.com");
  ASSERT_TRUE(got.has_value());
  expect_same_content(*got, current);
  EXPECT_EQ(got->version, stored.version);
  EXPECT_EQ(got->updated_at, stored.updated_at);
  EXPECT_EQ(audit_rows(), audit_before);
}

TEST_F(DbCredentials, ExpirePublicationsRemovesOnlyLapsedOnes) {
  Credential lapsed = test_credential("alice@example.com", 1);
  lapsed.publication_expires = micros_now() - 1s;
  put(lapsed);
  put(test_credential("bob@example.com", 2));

  const auto gone = store().async_expire_publications(micros_now(), use_future).get();
  EXPECT_EQ(gone, std::vector<std::string>{"alice@example.com"});
  EXPECT_FALSE(get("alice@example.com").has_value());
  EXPECT_TRUE(get("bob@example.com").has_value());
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'expire' AND actor = 'system' AND "
                  "aor = 'alice@example.com' AND domain = 'example.com'"),
            1);
  // Expiry is not revocation: the key may be published again.
  EXPECT_FALSE(store().async_is_key_revoked(lapsed.spki_sha256, use_future).get());
  EXPECT_TRUE(store().async_expire_publications(micros_now(), use_future).get().empty());
}

TEST_F(DbCredentials, AuditAppendAndList) {
  const auto t0 = micros_now();
  AuditEntry e;
  e.actor = "admin:cli";
  e.action = "note";
  e.aor = "alice@example.com";
  e.domain = "example.com";
  e.detail = R"({"text":"hello"})";
  const AuditEntry added = store().async_append_audit(e, use_future).get();
  EXPECT_GT(added.id, 0);
  EXPECT_GE(added.at, t0 - 1s);
  EXPECT_EQ(added.detail, R"({"text": "hello"})");  // jsonb's canonical text

  put(test_credential("alice@example.com", 1));
  put(test_credential("bob@example.com", 2));

  const auto alice = store().async_list_audit(std::string("alice@example.com"), std::nullopt, 10, use_future).get();
  ASSERT_EQ(alice.size(), 3u);  // user.add, note, publish
  EXPECT_EQ(alice[0].action, "publish");  // newest first
  EXPECT_EQ(alice[1].action, "note");
  EXPECT_EQ(alice[1].actor, "admin:cli");
  EXPECT_EQ(alice[2].action, "user.add");

  const auto limited = store().async_list_audit(std::nullopt, std::nullopt, 2, use_future).get();
  ASSERT_EQ(limited.size(), 2u);
  EXPECT_EQ(limited[0].aor, std::optional<std::string>("bob@example.com"));

  const auto future_only = store().async_list_audit(std::nullopt, micros_now() + 1h, 10, use_future).get();
  EXPECT_TRUE(future_only.empty());
  const auto since_start = store().async_list_audit(std::nullopt, t0 - 1h, 100, use_future).get();
  EXPECT_EQ(static_cast<std::int64_t>(since_start.size()), audit_rows());

  AuditEntry bad = e;
  bad.detail = "not json";
  EXPECT_THROW(store().async_append_audit(bad, use_future).get(), InvalidArgument);
}

TEST_F(DbCredentials, AdHocTransactionCommitsOrRollsBack) {
  const auto n = store().run_sync([](pqxx::work& tx) {
    append_audit(tx, AuditEntry{0, {}, "t", "adhoc", std::nullopt, std::nullopt, "{}"});
    return tx.exec1("SELECT count(*) FROM audit WHERE action = 'adhoc'")[0].as<int>();
  });
  EXPECT_EQ(n, 1);

  struct Boom : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  // The caller's own exception arrives unchanged and the work is undone.
  EXPECT_THROW(store().run_sync([](pqxx::work& tx) {
    put_credential(tx, test_credential("alice@example.com", 1), "t");
    throw Boom("changed my mind");
  }),
               Boom);
  EXPECT_FALSE(get("alice@example.com").has_value());
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'publish'"), 0);

  // Constraint violations in raw SQL arrive as store errors whose message
  // never quotes the row (PostgreSQL's DETAIL line would).
  store().run_sync([](pqxx::work& tx) { tx.exec_params("INSERT INTO domains (name, realm) VALUES ($1, $1)", "dup.example"); });
  try {
    store().run_sync(
        [](pqxx::work& tx) { tx.exec_params("INSERT INTO domains (name, realm) VALUES ($1, $1)", "dup.example"); });
    FAIL() << "expected Conflict";
  } catch (const Conflict& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find("dup.example"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find("domains_pkey"), std::string::npos) << message;
  }
  // Raw SQL errors arrive as store errors.
  EXPECT_THROW(store().run_sync([](pqxx::work& tx) { tx.exec("SELECT * FROM no_such_table"); }), StoreError);
}

}  // namespace
}  // namespace credsvc::db::test
