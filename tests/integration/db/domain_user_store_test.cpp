// Round trips of the domain and user operations through the asynchronous
// store (blocking on futures), and the audit rows they leave.
#include <boost/asio/use_future.hpp>

#include "db/errors.hpp"
#include "db_fixture.hpp"

namespace credsvc::db::test {
namespace {

using boost::asio::use_future;

class DbDomainsUsers : public DbTest {};

TEST_F(DbDomainsUsers, DomainRoundTrip) {
  Store store(store_options());
  Domain d = test_domain("Example.COM");
  d.realm = "Example Realm";
  d.tls = PemPair{"-----BEGIN CERTIFICATE-----\nTLS\n", "-----BEGIN PRIVATE KEY-----\nK1\n"};
  d.identity = PemPair{"-----BEGIN CERTIFICATE-----\nID\n", "-----BEGIN PRIVATE KEY-----\nK2\n"};
  const auto before = micros_now();
  const Domain added = store.async_add_domain(d, "admin:test", use_future).get();
  EXPECT_EQ(added.name, "example.com");
  EXPECT_EQ(added.realm, "Example Realm");
  EXPECT_EQ(added.identity_alg, "rsa-sha256");
  EXPECT_GE(added.created_at, before - 1s);

  const auto got = store.async_get_domain("EXAMPLE.com", use_future).get();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->name, "example.com");
  EXPECT_EQ(got->tls, d.tls);
  EXPECT_EQ(got->identity, d.identity);
  EXPECT_EQ(got->created_at, added.created_at);

  EXPECT_FALSE(store.async_get_domain("missing.example", use_future).get().has_value());

  store.async_add_domain(test_domain("b.example"), "admin:test", use_future).get();
  const auto all = store.async_list_domains(use_future).get();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "b.example");
  EXPECT_EQ(all[1].name, "example.com");
  EXPECT_FALSE(all[0].tls.has_value());
  EXPECT_EQ(all[0].realm, "b.example");
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'domain.add'"), 2);
}

TEST_F(DbDomainsUsers, DuplicateDomainIsConflict) {
  Store store(store_options());
  store.async_add_domain(test_domain("example.com"), "t", use_future).get();
  EXPECT_THROW(store.async_add_domain(test_domain("EXAMPLE.com"), "t", use_future).get(), Conflict);
  EXPECT_EQ(count("SELECT count(*) FROM domains"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit"), 1);
}

TEST_F(DbDomainsUsers, UpdateCertsReplacesOnlyWhatIsGiven) {
  Store store(store_options());
  Domain d = test_domain("example.com");
  d.tls = PemPair{"tls-chain-1", "tls-key-1"};
  d.identity = PemPair{"id-chain-1", "id-key-1"};
  store.async_add_domain(d, "t", use_future).get();

  DomainCertUpdate update;
  update.tls = PemPair{"tls-chain-2", "tls-key-2"};
  const Domain updated = store.async_update_domain_certs("example.com", update, "admin:t", use_future).get();
  EXPECT_EQ(updated.tls, update.tls);
  EXPECT_EQ(updated.identity, d.identity);
  EXPECT_GE(updated.updated_at, updated.created_at);

  DomainCertUpdate alg;
  alg.identity = PemPair{"id-chain-ec", "id-key-ec"};
  alg.identity_alg = "es256";
  store.async_update_domain_certs("example.com", alg, "admin:t", use_future).get();
  const auto got = store.async_get_domain("example.com", use_future).get();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->identity, alg.identity);
  EXPECT_EQ(got->identity_alg, "es256");
  EXPECT_EQ(got->tls, update.tls);

  DomainCertUpdate bad_alg;
  bad_alg.identity_alg = "rsa-sha1";  // verify-only (RFC 4474 successor rules)
  EXPECT_THROW(store.async_update_domain_certs("example.com", bad_alg, "t", use_future).get(), InvalidArgument);
  EXPECT_THROW(store.async_update_domain_certs("nope.example", update, "t", use_future).get(), NotFound);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'domain.update'"), 2);
}

TEST_F(DbDomainsUsers, RemoveDomainRefusesWhileUsersExistUnlessForced) {
  Store store(store_options());
  store.async_add_domain(test_domain("example.com"), "t", use_future).get();
  store.async_add_user(test_user("alice@example.com"), "t", use_future).get();
  store.async_put_credential(test_credential("alice@example.com", 1), "t", std::nullopt, use_future).get();

  EXPECT_THROW(store.async_remove_domain("example.com", false, "t", use_future).get(), Conflict);
  EXPECT_TRUE(store.async_get_domain("example.com", use_future).get().has_value());

  store.async_remove_domain("example.com", true, "admin:t", use_future).get();
  EXPECT_FALSE(store.async_get_domain("example.com", use_future).get().has_value());
  EXPECT_EQ(count("SELECT count(*) FROM users"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM credentials"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'domain.remove' AND domain = 'example.com' "
                  "AND (detail->>'users_removed')::int = 1"),
            1);
  EXPECT_THROW(store.async_remove_domain("example.com", true, "t", use_future).get(), NotFound);
}

TEST_F(DbDomainsUsers, UserRoundTrip) {
  Store store(store_options());
  store.async_add_domain(test_domain("example.com"), "t", use_future).get();
  const User u = test_user("Alice@EXAMPLE.com", 5);
  const User added = store.async_add_user(u, "admin:t", use_future).get();
  EXPECT_EQ(added.aor, "Alice@example.com");  // user part keeps its case
  EXPECT_EQ(added.domain, "example.com");
  EXPECT_TRUE(added.enabled);

  const auto got = store.async_get_user("Alice@example.COM", use_future).get();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->ha1.md5, u.ha1.md5);
  EXPECT_EQ(got->ha1.sha256, u.ha1.sha256);
  EXPECT_EQ(got->ha1.sha512_256, u.ha1.sha512_256);
  EXPECT_TRUE(got->enabled);
  EXPECT_EQ(got->password_changed_at, added.password_changed_at);
  EXPECT_FALSE(store.async_get_user("alice@example.com", use_future).get().has_value());

  const auto later_ha1 = test_ha1(99);
  store.async_set_password_hashes("Alice@example.com", later_ha1, "admin:t", use_future).get();
  store.async_set_user_enabled("Alice@example.com", false, "admin:t", use_future).get();
  const auto changed = store.async_get_user("Alice@example.com", use_future).get();
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->ha1.sha256, later_ha1.sha256);
  EXPECT_FALSE(changed->enabled);
  EXPECT_GE(changed->password_changed_at, added.password_changed_at);

  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE aor = 'Alice@example.com' AND action IN "
                  "('user.add', 'user.passwd', 'user.disable')"),
            3);
  // Audit never holds password material.
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE detail::text LIKE '%" + later_ha1.md5 + "%'"), 0);
}

TEST_F(DbDomainsUsers, UserErrors) {
  Store store(store_options());
  EXPECT_THROW(store.async_add_user(test_user("bob@nowhere.example"), "t", use_future).get(), NotFound);
  store.async_add_domain(test_domain("example.com"), "t", use_future).get();
  store.async_add_user(test_user("bob@example.com"), "t", use_future).get();
  EXPECT_THROW(store.async_add_user(test_user("bob@example.com", 2), "t", use_future).get(), Conflict);

  User bad = test_user("carol@example.com");
  bad.ha1.md5 = "NOT-HEX-secret-value";
  try {
    store.async_add_user(bad, "t", use_future).get();
    FAIL() << "expected InvalidArgument";
  } catch (const InvalidArgument& e) {
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
  EXPECT_THROW(store.async_add_user(test_user("no-at-sign"), "t", use_future).get(), InvalidArgument);
  EXPECT_THROW(store.async_set_password_hashes("zed@example.com", test_ha1(1), "t", use_future).get(), NotFound);
  EXPECT_THROW(store.async_set_user_enabled("zed@example.com", true, "t", use_future).get(), NotFound);
  EXPECT_THROW(store.async_remove_user("zed@example.com", "t", use_future).get(), NotFound);
  EXPECT_EQ(count("SELECT count(*) FROM users"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action LIKE 'user.%'"), 1);
}

TEST_F(DbDomainsUsers, ListAndRemoveUsers) {
  Store store(store_options());
  store.async_add_domain(test_domain("a.example"), "t", use_future).get();
  store.async_add_domain(test_domain("b.example"), "t", use_future).get();
  for (const char* aor : {"zoe@a.example", "adam@a.example", "bea@b.example"}) {
    store.async_add_user(test_user(aor), "t", use_future).get();
  }
  const auto all = store.async_list_users(std::nullopt, use_future).get();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].aor, "adam@a.example");
  EXPECT_EQ(all[2].aor, "zoe@a.example");
  const auto in_a = store.async_list_users(std::string("A.example"), use_future).get();
  ASSERT_EQ(in_a.size(), 2u);
  EXPECT_EQ(in_a[0].aor, "adam@a.example");
  EXPECT_EQ(in_a[1].aor, "zoe@a.example");

  store.async_put_credential(test_credential("zoe@a.example", 3), "t", std::nullopt, use_future).get();
  store.async_remove_user("zoe@a.example", "admin:t", use_future).get();
  EXPECT_FALSE(store.async_get_user("zoe@a.example", use_future).get().has_value());
  EXPECT_FALSE(store.async_get_credential("zoe@a.example", use_future).get().has_value());
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'user.remove' AND detail->>'credential_removed' = 'true'"),
            1);
}

}  // namespace
}  // namespace credsvc::db::test
