// The store and the listener across a database restart and an outage.
// Each test runs in its own process (gtest_discover_tests), so stopping the
// harness's cluster affects no other test.
#include <boost/asio/use_future.hpp>

#include "db/change_listener.hpp"
#include "db/errors.hpp"
#include "db_fixture.hpp"

namespace credsvc::db::test {
namespace {

using boost::asio::use_future;
using SteadyClock = std::chrono::steady_clock;

// Brings the cluster back even when an assertion ends the test early.
struct ClusterRestarter {
  bool stopped = false;
  void stop() {
    credsvc::testing::stop_cluster();
    stopped = true;
  }
  void start() {
    credsvc::testing::start_cluster();
    stopped = false;
  }
  ~ClusterRestarter() {
    if (stopped) credsvc::testing::start_cluster();
  }
};

class DbReconnect : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    store_ = std::make_unique<Store>(store_options(2));
    store_->async_add_domain(test_domain("example.com"), "t", use_future).get();
    store_->async_add_user(test_user("alice@example.com"), "t", use_future).get();
  }

  // Retries until the store answers again; how long it took.
  std::optional<SteadyClock::duration> time_to_recovery(std::chrono::milliseconds limit) {
    const auto t0 = SteadyClock::now();
    while (SteadyClock::now() - t0 < limit) {
      try {
        store_->async_get_user("alice@example.com", use_future).get();
        return SteadyClock::now() - t0;
      } catch (const Unavailable&) {
        std::this_thread::sleep_for(20ms);
      }
    }
    return std::nullopt;
  }

  std::unique_ptr<Store> store_;
};

TEST_F(DbReconnect, RestartIsTransparentToStoreAndListener) {
  EventLog log;  // outlives the io thread that feeds it
  IoThread io;
  ChangeListener listener(listener_options(), io.context().get_executor(), [&log](const ChangeEvent& e) { log.add(e); });
  ASSERT_TRUE(listener.wait_until_listening(5s));
  // Every pool connection has been used, so each now holds a session that
  // the restart will break.
  std::vector<std::future<void>> warm;
  for (int i = 0; i < 2; ++i) {
    warm.push_back(store_->async_run([](pqxx::work& tx) { tx.exec("SELECT pg_sleep(0.1)"); }, use_future));
  }
  for (auto& w : warm) w.get();

  credsvc::testing::restart_cluster();

  // A job that meets a broken session before COMMIT runs again on a new one.
  for (int i = 0; i < 4; ++i) {
    EXPECT_NO_THROW(store_->async_get_user("alice@example.com", use_future).get()) << "attempt " << i;
  }
  const auto stored =
      store_->async_put_credential(test_credential("alice@example.com", 1), "t", std::nullopt, use_future).get();
  EXPECT_EQ(stored.version, 1);

  // The listener comes back, says so, and hears changes again.
  ASSERT_TRUE(log.wait_for([](const ChangeEvent& e) { return e.kind == ChangeKind::resync; }, 5s));
  ASSERT_TRUE(listener.wait_until_listening(5s));
  log.clear();
  store_->async_revoke_credential("alice@example.com", "r", "t", use_future).get();
  EXPECT_TRUE(log.wait_for(
      [](const ChangeEvent& e) { return e.kind == ChangeKind::credential && e.key == "alice@example.com"; }, 2s));
}

TEST_F(DbReconnect, OutageFailsPromptlyWithUnavailableThenRecovers) {
  EventLog log;  // outlives the io thread that feeds it
  IoThread io;
  ChangeListener listener(listener_options(), io.context().get_executor(), [&log](const ChangeEvent& e) { log.add(e); });
  ASSERT_TRUE(listener.wait_until_listening(5s));
  ClusterRestarter cluster;
  cluster.stop();

  const auto timeout = store_options().connect_timeout;
  for (int i = 0; i < 5; ++i) {
    const auto t0 = SteadyClock::now();
    EXPECT_THROW(store_->async_get_user("alice@example.com", use_future).get(), Unavailable);
    EXPECT_THROW(store_->async_put_credential(test_credential("alice@example.com", 1), "t", std::nullopt, use_future)
                     .get(),
                 Unavailable);
    EXPECT_LT(SteadyClock::now() - t0, timeout) << "attempt " << i;
  }
  EXPECT_FALSE(listener.listening());
  EXPECT_THROW(apply_migrations(conninfo_), Unavailable);

  cluster.start();
  const auto recovery = time_to_recovery(5s);
  ASSERT_TRUE(recovery.has_value()) << "store did not recover";
  // Bounded by the backoff cap (300 ms here), not by the outage.
  EXPECT_LT(*recovery, 2s);
  // Changes made before the listener is back are lost to it: the resync
  // event tells the application so. Changes after it are heard again.
  ASSERT_TRUE(log.wait_for([](const ChangeEvent& e) { return e.kind == ChangeKind::resync; }, 5s));
  EXPECT_EQ(store_->async_put_credential(test_credential("alice@example.com", 1), "t", std::nullopt, use_future)
                .get()
                .version,
            1);
  ASSERT_TRUE(log.wait_for(
      [](const ChangeEvent& e) { return e.kind == ChangeKind::credential && e.key == "alice@example.com"; }, 2s));
}

TEST_F(DbReconnect, StoreStartedDuringOutageConnectsLater) {
  ClusterRestarter cluster;
  cluster.stop();
  Store late(store_options(1));
  EXPECT_THROW(late.async_list_domains(use_future).get(), Unavailable);
  cluster.start();
  const auto t0 = SteadyClock::now();
  bool ok = false;
  while (!ok && SteadyClock::now() - t0 < 5s) {
    try {
      ok = late.async_list_domains(use_future).get().size() == 1;
    } catch (const Unavailable&) {
      std::this_thread::sleep_for(20ms);
    }
  }
  EXPECT_TRUE(ok);
}

}  // namespace
}  // namespace credsvc::db::test
