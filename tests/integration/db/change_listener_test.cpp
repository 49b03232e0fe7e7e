// LISTEN/NOTIFY between two store/listener pairs on one database.
#include <boost/asio/use_future.hpp>

#include "db/change_listener.hpp"
#include "db/errors.hpp"
#include "db_fixture.hpp"

namespace credsvc::db::test {
namespace {

using boost::asio::use_future;

TEST(DbChangePayload, ParsesKnownKindsAndRejectsOthers) {
  const auto e = parse_change_payload(R"({"kind":"credential","key":"alice@example.com","origin":"ab12"})");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->kind, ChangeKind::credential);
  EXPECT_EQ(e->key, "alice@example.com");
  EXPECT_EQ(e->origin, "ab12");
  const auto d = parse_change_payload(R"({"kind":"domain","key":"example.com","origin":""})");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, ChangeKind::domain);
  EXPECT_FALSE(parse_change_payload(R"({"kind":"resync","key":""})").has_value());  // never from the wire
  EXPECT_FALSE(parse_change_payload(R"({"kind":"widget","key":"x"})").has_value());
  EXPECT_FALSE(parse_change_payload(R"({"kind":"user"})").has_value());
  EXPECT_FALSE(parse_change_payload("credential:alice@example.com").has_value());
  EXPECT_EQ(to_string(ChangeKind::user), "user");
}

class DbChanges : public DbTest {
 protected:
  // Instance B's listener, delivering on its own io_context.
  std::unique_ptr<ChangeListener> listen(IoThread& io, EventLog& log) {
    auto l = std::make_unique<ChangeListener>(listener_options(), io.context().get_executor(),
                                              [&log](const ChangeEvent& e) { log.add(e); });
    EXPECT_TRUE(l->wait_until_listening(5s));
    return l;
  }
};

auto is(ChangeKind kind, const std::string& key) {
  return [kind, key](const ChangeEvent& e) { return e.kind == kind && e.key == key; };
}

TEST_F(DbChanges, CredentialWriteThroughStoreAIsSeenByListenerB) {
  // Two instances, A and B, each with its store and listener.
  EventLog log_a;
  EventLog log_b;
  IoThread io_a;
  IoThread io_b;
  Store a(store_options());
  Store b(store_options());
  ASSERT_NE(a.instance_id(), b.instance_id());
  auto listener_a = listen(io_a, log_a);
  auto listener_b = listen(io_b, log_b);

  a.async_add_domain(test_domain("example.com"), "t", use_future).get();
  a.async_add_user(test_user("alice@example.com"), "t", use_future).get();
  const auto put_at = std::chrono::steady_clock::now();
  a.async_put_credential(test_credential("alice@example.com", 1), "t", std::nullopt, use_future).get();
  ASSERT_TRUE(log_b.wait_for(is(ChangeKind::credential, "alice@example.com"), 1s));
  EXPECT_LT(std::chrono::steady_clock::now() - put_at, 1s);
  ASSERT_TRUE(log_a.wait_for(is(ChangeKind::credential, "alice@example.com"), 1s));
  // Everyone hears every change; the origin tells A that these were its own.
  for (auto* log : {&log_a, &log_b}) {
    for (const auto& e : log->snapshot()) EXPECT_EQ(e.origin, a.instance_id());
  }

  log_a.clear();
  b.async_revoke_credential("alice@example.com", "r", "t", use_future).get();
  ASSERT_TRUE(log_a.wait_for(is(ChangeKind::credential, "alice@example.com"), 1s));
  EXPECT_EQ(log_a.snapshot().at(0).origin, b.instance_id());
}

TEST_F(DbChanges, UserAndDomainChangesAreAnnounced) {
  Store a(store_options());
  EventLog log;  // outlives the io thread that feeds it
  IoThread io;
  auto listener = listen(io, log);
  a.async_add_domain(test_domain("example.com"), "t", use_future).get();
  EXPECT_TRUE(log.wait_for(is(ChangeKind::domain, "example.com"), 1s));
  a.async_add_user(test_user("alice@example.com"), "t", use_future).get();
  EXPECT_TRUE(log.wait_for(is(ChangeKind::user, "alice@example.com"), 1s));
  log.clear();
  a.async_set_password_hashes("alice@example.com", test_ha1(7), "t", use_future).get();
  EXPECT_TRUE(log.wait_for(is(ChangeKind::user, "alice@example.com"), 1s));
  log.clear();
  a.async_set_user_enabled("alice@example.com", false, "t", use_future).get();
  EXPECT_TRUE(log.wait_for(is(ChangeKind::user, "alice@example.com"), 1s));
  log.clear();
  DomainCertUpdate update;
  update.tls = PemPair{"chain", "key"};
  a.async_update_domain_certs("example.com", update, "t", use_future).get();
  EXPECT_TRUE(log.wait_for(is(ChangeKind::domain, "example.com"), 1s));

  // Expiry, too, announces the credential it removes.
  Credential c = test_credential("alice@example.com", 1);
  c.publication_expires = micros_now() - 1s;
  a.async_put_credential(c, "t", std::nullopt, use_future).get();
  log.clear();
  a.async_expire_publications(micros_now(), use_future).get();
  EXPECT_TRUE(log.wait_for(is(ChangeKind::credential, "alice@example.com"), 1s));
}

TEST_F(DbChanges, RolledBackChangeIsNeverSeen) {
  Store a(store_options());
  a.async_add_domain(test_domain("example.com"), "t", use_future).get();
  a.async_add_user(test_user("alice@example.com"), "t", use_future).get();
  a.async_add_user(test_user("marker@example.com", 2), "t", use_future).get();
  EventLog log;  // outlives the io thread that feeds it
  IoThread io;
  auto listener = listen(io, log);

  EXPECT_THROW(a.run_sync([](pqxx::work& tx) {
    put_credential(tx, test_credential("alice@example.com", 1), "t");
    throw std::runtime_error("roll back");
  }),
               std::runtime_error);
  // A committed change made afterwards: notifications arrive in commit order,
  // so once it is seen, the rolled-back one would have been seen before it.
  a.async_set_user_enabled("marker@example.com", false, "t", use_future).get();
  ASSERT_TRUE(log.wait_for(is(ChangeKind::user, "marker@example.com"), 1s));
  for (const auto& e : log.snapshot()) {
    EXPECT_NE(e.key, "alice@example.com") << "rolled-back change was announced";
  }
}

TEST_F(DbChanges, StopIsPrompt) {
  EventLog log;  // outlives the io thread that feeds it
  IoThread io;
  auto listener = listen(io, log);
  const auto t0 = std::chrono::steady_clock::now();
  listener->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
  EXPECT_FALSE(listener->listening());
}

}  // namespace
}  // namespace credsvc::db::test
