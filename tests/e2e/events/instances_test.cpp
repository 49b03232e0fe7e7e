// Several instances on one database (issue 5 item 5): a change committed
// through one `credsvc serve` reaches the subscribers held by another within
// a second (PostgreSQL LISTEN/NOTIFY), and a PUBLISH cut off by killing its
// server before COMMIT leaves the previous credential untouched.
#include <boost/json/parse.hpp>
#include <functional>
#include <map>
#include <pqxx/pqxx>
#include <thread>

#include "events_test.hpp"

namespace credsvc::testing::events {
namespace {
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

class Instances : public EventsTest {
 protected:
  static void SetUpTestSuite() {
    start_suite({});
    second_ = deployment().start_server({});
  }
  static void TearDownTestSuite() {
    if (second_) {
      EXPECT_TRUE(stopped_cleanly(*second_));
    }
    second_.reset();
    stop_suite();
  }
  static std::unique_ptr<ServerProcess> second_;
};

std::unique_ptr<ServerProcess> Instances::second_;

TEST_F(Instances, PublishThroughOneNotifiesTheSubscriberOfTheOther) {
  ASSERT_NE(server().sip_port(), second_->sip_port());
  deployment().add_user("yuri", "yuri-pw");
  auto watcher = ua({}, {}, second_->sip_port());
  ASSERT_EQ(watcher->subscribe(uri("yuri"), "certificate", 600).status(), 200);
  const auto initial = watcher->next_notify();
  ASSERT_TRUE(initial);
  EXPECT_TRUE(initial->msg.body().empty());
  auto owner_on_second = ua("yuri", "yuri-pw", second_->sip_port());
  ASSERT_EQ(owner_on_second->subscribe(uri("yuri"), "credential", 0).status(), 404);

  auto owner = ua("yuri", "yuri-pw");  // on the first server
  const auto c = make_credential(aor("yuri"));
  const auto body = credential_body(c.certificate_der(), c.key_der());
  const auto r = owner->publish(uri("yuri"), 3600, body.content_type, body.body);
  ASSERT_EQ(r.status(), 200);
  const auto committed = SteadyClock::now();

  const auto n = watcher->next_notify(1s);
  ASSERT_TRUE(n) << "the other instance did not notify within one second";
  EXPECT_LT(seconds_between(committed, n->at), 1.0);
  EXPECT_EQ(n->msg.body(), c.certificate_der());
  // Signed by the other instance, whose HTTPS port serves the certificate.
  NotifyVerifier other(deployment().ca_certificate(), second_->http_port());
  const auto verified = other.verify(n->msg);
  EXPECT_TRUE(verified.ok()) << verified.detail;

  // Its cache is coherent: a fetch there sees the new credential at once.
  const auto fetched = owner_on_second->subscribe(uri("yuri"), "credential", 0);
  ASSERT_EQ(fetched.status(), 200);
  const auto credential = owner_on_second->next_notify();
  ASSERT_TRUE(credential);
  EXPECT_EQ(parts_of(credential->msg)["application/pkix-cert"], c.certificate_der());

  // And the revocation travels the same way.
  ASSERT_EQ(owner->publish(uri("yuri"), 0, {}, {}, "SIP-If-Match: " + etag_of(r) + "\r\n").status(), 200);
  const auto revoked_at = SteadyClock::now();
  const auto gone = watcher->next_notify(1s);
  ASSERT_TRUE(gone) << "the revocation did not reach the other instance within one second";
  EXPECT_LT(seconds_between(revoked_at, gone->at), 1.0);
  EXPECT_TRUE(gone->msg.body().empty());
}

// Issue 6: `credsvc admin revoke` writes to the database only; every running
// instance hears of it and notifies its own subscribers as for an empty PUBLISH.
TEST_F(Instances, RevocationThroughTheCliReachesTheSubscriberOfTheOther) {
  deployment().add_user("zora", "zora-pw");
  auto owner = ua("zora", "zora-pw");
  const auto c = make_credential(aor("zora"));
  const auto body = credential_body(c.certificate_der(), c.key_der());
  ASSERT_EQ(owner->publish(uri("zora"), 3600, body.content_type, body.body).status(), 200);

  auto watcher = ua({}, {}, second_->sip_port());
  ASSERT_EQ(watcher->subscribe(uri("zora"), "certificate", 600).status(), 200);
  const auto initial = watcher->next_notify();
  ASSERT_TRUE(initial);
  ASSERT_EQ(initial->msg.body(), c.certificate_der());

  const auto revoked = run({CREDSVC_BINARY, "admin", "--db", deployment().conninfo(), "revoke", aor("zora"), "--reason",
                            "key compromised"});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  const auto done = SteadyClock::now();
  const auto gone = watcher->next_notify(2s);
  ASSERT_TRUE(gone) << "the revocation did not reach the second instance's subscriber";
  EXPECT_LT(seconds_between(done, gone->at), 2.0);
  EXPECT_TRUE(gone->msg.body().empty());
  NotifyVerifier other(deployment().ca_certificate(), second_->http_port());
  const auto verified = other.verify(gone->msg);
  EXPECT_TRUE(verified.ok()) << verified.detail;

  // Audited with actor and reason; the key can never come back.
  const auto audit = run({CREDSVC_BINARY, "admin", "--db", deployment().conninfo(), "audit", aor("zora"), "--json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_NE(audit.out.find("key compromised"), std::string::npos) << audit.out;
  ASSERT_EQ(owner->publish(uri("zora"), 3600, body.content_type, body.body).status(), 403);
}

// Issue 6: `credsvc admin show` asks every running instance, through the
// database, how many subscriptions it holds for the address.
TEST_F(Instances, AdminShowCountsTheLiveSubscribersOfEveryInstance) {
  deployment().add_user("xena", "xena-pw");
  auto owner = ua("xena", "xena-pw");
  const auto c = make_credential(aor("xena"));
  const auto body = credential_body(c.certificate_der(), c.key_der());
  ASSERT_EQ(owner->publish(uri("xena"), 3600, body.content_type, body.body).status(), 200);
  // One certificate and one credential subscription on the first instance,
  // two certificate subscriptions on the second.
  auto here = ua({}, {}, server().sip_port());
  auto there1 = ua({}, {}, second_->sip_port());
  auto there2 = ua({}, {}, second_->sip_port());
  for (auto* watcher : {here.get(), there1.get(), there2.get()}) {
    ASSERT_EQ(watcher->subscribe(uri("xena"), "certificate", 600).status(), 200);
    ASSERT_TRUE(watcher->next_notify());
  }
  ASSERT_EQ(owner->subscribe(uri("xena"), "credential", 600).status(), 200);
  ASSERT_TRUE(owner->next_notify());

  // Instances register once their listener is up, which may trail their
  // ports by a moment: ask until the expected figures come, for 5 s at most.
  const auto show = [](const std::vector<std::string>& extra) {
    std::vector<std::string> args{CREDSVC_BINARY, "admin", "--db", deployment().conninfo(), "show", aor("xena")};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  const auto live_until = [&](const std::function<bool(const boost::json::value&)>& wanted) {
    boost::json::value live;
    for (const auto deadline = SteadyClock::now() + 5s; SteadyClock::now() < deadline;) {
      live = boost::json::parse(show({"--json"})).at("live_subscribers");
      if (wanted(live)) break;
      std::this_thread::sleep_for(100ms);
    }
    return live;
  };
  const auto live = live_until([](const auto& l) { return l.at("instances_answered").as_int64() == 2; });
  EXPECT_EQ(live.at("instances_running").as_int64(), 2) << live;
  EXPECT_EQ(live.at("instances_answered").as_int64(), 2) << live;
  EXPECT_EQ(live.at("certificate").as_int64(), 3) << live;
  EXPECT_EQ(live.at("credential").as_int64(), 1) << live;
  std::map<std::int64_t, std::int64_t> certificate_by_pid;
  for (const auto& i : live.at("per_instance").as_array()) {
    certificate_by_pid[i.at("pid").as_int64()] = i.at("certificate").as_int64();
  }
  EXPECT_EQ(certificate_by_pid[server().child().pid()], 1);
  EXPECT_EQ(certificate_by_pid[second_->child().pid()], 2);

  // A subscription that ends is no longer counted; the text form says so too.
  there2.reset();  // its connection closes, and its subscription with it
  const std::string expected = "live subscribers: certificate 2, credential 1 (2 of 2 instances answered)";
  std::string text;
  for (const auto deadline = SteadyClock::now() + 5s; SteadyClock::now() < deadline;) {
    text = show({});
    if (text.find(expected) != std::string::npos) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_NE(text.find(expected), std::string::npos) << text;

  // An instance that stops takes its row with it: nobody waits for it.
  {
    auto third = deployment().start_server({});
    const auto three = live_until([](const auto& l) { return l.at("instances_answered").as_int64() == 3; });
    EXPECT_EQ(three.at("instances_answered").as_int64(), 3) << three;
    EXPECT_TRUE(stopped_cleanly(*third));
  }
  const auto after = boost::json::parse(show({"--json"})).at("live_subscribers");
  EXPECT_EQ(after.at("instances_running").as_int64(), 2) << after;
  EXPECT_EQ(after.at("instances_answered").as_int64(), 2) << after;
}

// How many sessions other than `self` wait for a lock on the database.
int lock_waiters(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  return tx.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'")[0][0]
      .as<int>();
}

// How many sessions other than ours are inside a transaction.
int open_transactions(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  return tx.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS NOT NULL")[0][0]
      .as<int>();
}

// A server killed while its PUBLISH waits inside the transaction: nothing
// of that PUBLISH may survive (RFC 3903 §6: all or nothing, 200 only after COMMIT).
TEST(InterruptedPublish, KilledBeforeCommitLeavesTheOldCredential) {
  Deployment d;
  d.add_user("zoe", "zoe-pw");
  auto server = d.start_server({});
  const auto old = make_credential("zoe@example.test");
  std::string old_etag;
  {
    UaOptions o;
    o.port = server->sip_port();
    o.ca_file = d.ca_file();
    o.user = "zoe";
    o.password = "zoe-pw";
    TestUa owner(o);
    const auto body = credential_body(old.certificate_der(), old.key_der());
    const auto r = owner.publish("sip:zoe@example.test", 3600, body.content_type, body.body);
    ASSERT_EQ(r.status(), 200);
    old_etag = etag_of(r);
  }
  const auto before = d.credential("zoe@example.test");
  ASSERT_TRUE(before);
  ASSERT_EQ(before->etag, old_etag);
  const auto audit_before = d.audit_rows("zoe@example.test");

  // Hold zoe's row lock, as a concurrent writer would.
  pqxx::connection locker(d.conninfo());
  pqxx::work hold(locker);
  hold.exec_params("SELECT 1 FROM users WHERE aor = $1 FOR UPDATE", "zoe@example.test");

  UaOptions o;
  o.port = server->sip_port();
  o.ca_file = d.ca_file();
  o.user = "zoe";
  o.password = "zoe-pw";
  // The PUBLISH is sent from a thread: it gets no answer, ever.
  std::thread publisher([o] {
    try {
      TestUa owner(o);
      const auto replacement = make_credential("zoe@example.test");
      const auto body = credential_body(replacement.certificate_der(), replacement.key_der());
      const auto r = owner.publish("sip:zoe@example.test", 3600, body.content_type, body.body);
      ADD_FAILURE() << "the blocked PUBLISH was answered " << r.status();
    } catch (const std::exception&) {
      // Expected: the server died with the request in its transaction.
    }
  });

  pqxx::connection observer(d.conninfo());
  const auto deadline = SteadyClock::now() + 10s;
  while (lock_waiters(observer) == 0 && SteadyClock::now() < deadline) std::this_thread::sleep_for(20ms);
  const bool blocked = lock_waiters(observer) > 0;
  server->kill();
  publisher.join();
  ASSERT_TRUE(blocked) << "the server's PUBLISH never reached the locked row";

  hold.abort();  // the lock is free: a backend still alive would go on now
  const auto settle = SteadyClock::now() + 10s;
  while (open_transactions(observer) > 0 && SteadyClock::now() < settle) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(open_transactions(observer), 0) << "the killed server's transaction lingers";

  const auto after = d.credential("zoe@example.test");
  ASSERT_TRUE(after) << "the old credential is gone";
  EXPECT_EQ(after->etag, before->etag);
  EXPECT_EQ(after->version, before->version);
  EXPECT_EQ(after->certificate_der, before->certificate_der);
  EXPECT_EQ(after->pkcs8_der, before->pkcs8_der);
  EXPECT_EQ(d.audit_rows("zoe@example.test"), audit_before) << "an audit row of the interrupted PUBLISH exists";

  // A new server on the same database serves the old credential.
  auto restarted = d.start_server({});
  UaOptions again = o;
  again.port = restarted->sip_port();
  TestUa owner(again);
  ASSERT_EQ(owner.subscribe("sip:zoe@example.test", "credential", 0).status(), 200);
  const auto n = owner.next_notify();
  ASSERT_TRUE(n);
  EXPECT_EQ(parts_of(n->msg)["application/pkix-cert"], old.certificate_der());
  const auto event = n->msg.event();
  ASSERT_TRUE(event && event.value());
  EXPECT_EQ(event.value()->etag().value_or(""), old_etag);
  EXPECT_TRUE(stopped_cleanly(*restarted));
}

}  // namespace
}  // namespace credsvc::testing::events
