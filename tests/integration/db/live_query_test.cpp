// Live subscriber counts (db/live_query.hpp): an asker on one store, the
// instances as listeners with a presence on the same real database.
#include <atomic>
#include <boost/asio/use_future.hpp>

#include "db/change_listener.hpp"
#include "db/live_query.hpp"
#include "db_fixture.hpp"

namespace credsvc::db::test {
namespace {

using boost::asio::use_future;

TEST(DbLiveQueryPayload, RoundTripsAndRejectsForeignChannels) {
  const auto q = parse_live_query(live_query_payload({"alice@example.com", "credsvc_reply_0123456789abcdef"}));
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->aor, "alice@example.com");
  EXPECT_EQ(q->reply_channel, "credsvc_reply_0123456789abcdef");
  // An instance notifies only reply channels of our own form.
  EXPECT_FALSE(parse_live_query(R"({"aor":"a@b","reply":"credsvc_changes"})"));
  EXPECT_FALSE(parse_live_query(R"({"aor":"a@b","reply":"credsvc_reply_0123"})"));
  EXPECT_FALSE(parse_live_query(R"({"aor":"a@b","reply":"credsvc_reply_0123456789ABCDEF"})"));
  EXPECT_FALSE(parse_live_query(R"({"aor":"a@b","reply":"credsvc_reply_0123456789abcdef\"; DROP"})"));
  EXPECT_FALSE(parse_live_query(R"({"aor":"","reply":"credsvc_reply_0123456789abcdef"})"));
  EXPECT_FALSE(parse_live_query(R"({"reply":"credsvc_reply_0123456789abcdef"})"));
  EXPECT_FALSE(parse_live_query("alice@example.com"));

  const InstanceCounts c{"ab12", "host-1", 4242, 3, 1};
  const auto back = parse_instance_counts(instance_counts_payload(c));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->instance, "ab12");
  EXPECT_EQ(back->host, "host-1");
  EXPECT_EQ(back->pid, 4242);
  EXPECT_EQ(back->certificate, 3u);
  EXPECT_EQ(back->credential, 1u);
  EXPECT_FALSE(parse_instance_counts(R"({"instance":"ab12","host":"h","pid":1,"certificate":-1,"credential":0})"));
  EXPECT_FALSE(parse_instance_counts(R"({"instance":"","host":"h","pid":1,"certificate":0,"credential":0})"));
  EXPECT_FALSE(parse_instance_counts(R"({"instance":"ab12","host":"h","pid":1,"certificate":"3","credential":0})"));
}

class DbLiveQuery : public DbTest {
 protected:
  // An instance: a listener with a presence that counts `certificate`
  // subscriptions for every AOR asked about.
  std::unique_ptr<ChangeListener> instance(IoThread& io, const std::string& id, std::uint64_t certificate,
                                           std::atomic<int>* asked = nullptr) {
    auto o = listener_options();
    InstanceRecord record{id, "host-" + id, 1000, std::chrono::seconds(10)};
    o.presence = ListenerOptions::Presence{record, [certificate, asked](const std::string& aor) {
                                             EXPECT_EQ(aor, "alice@example.com");
                                             if (asked) ++*asked;
                                             return LiveCounts{certificate, 0};
                                           }};
    auto l = std::make_unique<ChangeListener>(std::move(o), io.context().get_executor(), [](const ChangeEvent&) {});
    EXPECT_TRUE(l->wait_until_listening(5s));
    // Registered right after LISTEN, on the listener's thread.
    for (int i = 0; i < 100 && count("SELECT count(*) FROM instances WHERE id = '" + id + "'") == 0; ++i) {
      std::this_thread::sleep_for(20ms);
    }
    return l;
  }
};

TEST_F(DbLiveQuery, EveryRegisteredInstanceAnswersAndTheirCountsAddUp) {
  IoThread io;
  Store store(store_options(3));
  std::atomic<int> asked_a{0};
  auto a = instance(io, "aaaa", 2, &asked_a);
  auto b = instance(io, "bbbb", 5);
  ASSERT_EQ(count("SELECT count(*) FROM instances"), 2);

  const auto live = store.async_live_subscribers("alice@example.com", 5s, use_future).get();
  EXPECT_EQ(live.running, 2u);
  ASSERT_EQ(live.answers.size(), 2u);
  EXPECT_TRUE(live.complete());
  EXPECT_EQ(live.certificate(), 7u);
  EXPECT_EQ(live.credential(), 0u);
  EXPECT_EQ(asked_a.load(), 1);
  for (const auto& answer : live.answers) {
    EXPECT_EQ(answer.host, "host-" + answer.instance);  // the instance's own record
    EXPECT_EQ(answer.pid, 1000);
    EXPECT_EQ(answer.certificate, answer.instance == "aaaa" ? 2u : 5u);
  }

  // A stopped instance removes its row: the next question waits for one answer only.
  b.reset();
  EXPECT_EQ(count("SELECT count(*) FROM instances"), 1);
  const auto started = std::chrono::steady_clock::now();
  const auto one = store.async_live_subscribers("alice@example.com", 5s, use_future).get();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s) << "it waited out its time for a gone instance";
  EXPECT_EQ(one.running, 1u);
  EXPECT_EQ(one.certificate(), 2u);
}

TEST_F(DbLiveQuery, AnInstanceThatDiedIsWaitedForThenForgotten) {
  IoThread io;
  Store store(store_options(3));
  auto a = instance(io, "aaaa", 1);
  // A row refreshed 10 s ago with a 10 s heartbeat still counts as running,
  // but nobody answers for it: the asker waits its time and says so.
  {
    pqxx::connection conn(conninfo_);
    pqxx::nontransaction tx(conn);
    tx.exec("INSERT INTO instances (id, host, pid, heartbeat_seconds, seen_at) "
            "VALUES ('dead', 'gone', 1, 10, now() - interval '10 seconds')");
  }
  const auto partial = store.async_live_subscribers("alice@example.com", 300ms, use_future).get();
  EXPECT_EQ(partial.running, 2u);
  EXPECT_EQ(partial.answers.size(), 1u);
  EXPECT_FALSE(partial.complete());
  EXPECT_EQ(partial.certificate(), 1u);
  // Three heartbeats without a refresh: no longer running.
  {
    pqxx::connection conn(conninfo_);
    pqxx::nontransaction tx(conn);
    tx.exec("UPDATE instances SET seen_at = now() - interval '31 seconds' WHERE id = 'dead'");
  }
  const auto full = store.async_live_subscribers("alice@example.com", 5s, use_future).get();
  EXPECT_EQ(full.running, 1u);
  EXPECT_TRUE(full.complete());
}

TEST_F(DbLiveQuery, NobodyRunningMeansNoWait) {
  Store store(store_options());
  const auto started = std::chrono::steady_clock::now();
  const auto live = store.async_live_subscribers("alice@example.com", 5s, use_future).get();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_EQ(live.running, 0u);
  EXPECT_TRUE(live.answers.empty());
}

}  // namespace
}  // namespace credsvc::db::test
