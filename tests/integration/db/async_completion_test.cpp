// How completions are delivered: on the handler's associated executor, never
// inline in the initiating call, with errors as exception_ptr; and the
// awaitable, future and callback forms.
#include <atomic>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <condition_variable>
#include <future>
#include <mutex>

#include "db/errors.hpp"
#include "db_fixture.hpp"

namespace credsvc::db::test {
namespace {

namespace asio = boost::asio;
using asio::use_future;

class DbAsync : public DbTest {};

template <typename T>
T wait(std::future<T>& f) {
  EXPECT_EQ(f.wait_for(10s), std::future_status::ready);
  return f.get();
}

// Initiates from inside the strand; the completion must come later, on the
// strand, on the io_context's thread. (The io_context outlives the store, as
// the store requires.)
void expect_completion_on_strand(IoThread& io, Store& store, const char* what) {
  auto strand = asio::make_strand(io.context());
  std::promise<void> done;
  auto finished = done.get_future();
  asio::post(strand, [&] {
    auto initiated = std::make_shared<std::atomic<bool>>(false);
    store.async_get_domain("example.com", asio::bind_executor(strand, [&, strand, initiated, what](
                                                                         std::exception_ptr, std::optional<Domain>) {
                             EXPECT_TRUE(strand.running_in_this_thread()) << what;
                             EXPECT_EQ(std::this_thread::get_id(), io.thread_id()) << what;
                             EXPECT_TRUE(initiated->load()) << what << ": completed inside the initiating call";
                             done.set_value();
                           }));
    initiated->store(true);
  });
  wait(finished);
}

TEST_F(DbAsync, CompletionRunsOnTheHandlersStrandNeverInline) {
  IoThread io;
  Store store(store_options());
  store.async_add_domain(test_domain("example.com"), "t", use_future).get();
  expect_completion_on_strand(io, store, "success");
}

TEST_F(DbAsync, ErrorCompletionsAlsoRunOnTheStrandNeverInline) {
  IoThread io;
  // Database unreachable: the worker fails the job.
  StoreOptions unreachable = store_options();
  unreachable.conninfo = "host=/nonexistent/credsvc-socket dbname=x user=credsvc";
  {
    Store store(unreachable);
    expect_completion_on_strand(io, store, "unreachable");
  }
  // Queue full: refused in the initiating call, yet completed via the strand.
  StoreOptions full = store_options();
  full.queue_limit = 0;
  Store store(full);
  expect_completion_on_strand(io, store, "queue full");
  std::exception_ptr error;
  std::promise<void> done;
  store.async_get_domain("x", [&](std::exception_ptr e, std::optional<Domain>) {
    error = e;
    done.set_value();
  });
  done.get_future().wait();
  EXPECT_THROW(std::rethrow_exception(error), Unavailable);
}

TEST_F(DbAsync, PlainCallbackRunsOnAPoolThreadNotTheCaller) {
  Store store(store_options());
  std::promise<std::thread::id> where;
  auto result = where.get_future();
  store.async_list_domains(
      [&](std::exception_ptr e, std::vector<Domain> domains) {
        EXPECT_FALSE(e);
        EXPECT_TRUE(domains.empty());
        where.set_value(std::this_thread::get_id());
      });
  EXPECT_NE(wait(result), std::this_thread::get_id());
}

// async_read sends its statement alone (autocommit: one round trip), so the
// statement is its own transaction and starts it; async_run's statement
// follows a BEGIN that came first, in a round trip of its own.
TEST_F(DbAsync, ReadsRunWithoutBeginOrCommit) {
  Store store(store_options());
  const auto alone = [](auto& tx) { return tx.exec("SELECT now() = statement_timestamp()")[0][0].template as<bool>(); };
  EXPECT_TRUE(store.async_read(alone, use_future).get());
  EXPECT_FALSE(store.async_run(alone, use_future).get());
  // The hot reads use it, and still see what was committed.
  store.async_add_domain(test_domain("example.com"), "t", use_future).get();
  store.async_add_user(test_user("alice@example.com"), "t", use_future).get();
  EXPECT_TRUE(store.async_get_user("alice@example.com", use_future).get().has_value());
  EXPECT_FALSE(store.async_get_credential("alice@example.com", use_future).get().has_value());
  store.async_put_credential(test_credential("alice@example.com", 3), "t", std::nullopt, use_future).get();
  EXPECT_EQ(store.async_get_credential("alice@example.com", use_future).get()->etag, "etag-3");
}

TEST_F(DbAsync, AwaitableOperationsAndExceptions) {
  asio::io_context ctx;  // outlives the store, as the store requires
  Store store(store_options());
  auto coroutine = [&]() -> asio::awaitable<std::string> {
    co_await store.async_add_domain(test_domain("example.com"), "t", asio::use_awaitable);
    co_await store.async_add_user(test_user("alice@example.com"), "t", asio::use_awaitable);
    const Credential stored = co_await store.async_put_credential(test_credential("alice@example.com", 1), "t",
                                                                  std::nullopt, asio::use_awaitable);
    EXPECT_EQ(stored.version, 1);
    const auto got = co_await store.async_get_credential("alice@example.com", asio::use_awaitable);
    EXPECT_TRUE(got.has_value());
    co_await store.async_set_user_enabled("alice@example.com", false, "t", asio::use_awaitable);  // void result
    try {
      co_await store.async_put_credential(test_credential("nobody@example.com", 2), "t", std::nullopt,
                                          asio::use_awaitable);
    } catch (const NotFound&) {
      co_return "caught NotFound";
    }
    co_return "no exception";
  };
  auto outcome = asio::co_spawn(ctx, coroutine(), use_future);
  ctx.run();  // returns once the coroutine is done: pending jobs keep it busy
  EXPECT_EQ(wait(outcome), "caught NotFound");
}

TEST_F(DbAsync, RunSyncReturnsValuesAndThrows) {
  Store store(store_options());
  EXPECT_EQ(store.run_sync([](pqxx::work& tx) { return tx.exec1("SELECT 40 + 2")[0].as<int>(); }), 42);
  store.run_sync([](pqxx::work& tx) { tx.exec("SELECT 1"); });  // void
  EXPECT_THROW(store.run_sync([](pqxx::work& tx) { return remove_domain(tx, "none.example", false, "t"); }), NotFound);
}

TEST_F(DbAsync, PoolRunsJobsConcurrently) {
  Store store(store_options(3));
  // Each job waits (bounded) until all three are running: only a pool that
  // runs them at the same time lets every one of them see the others.
  struct Rendezvous {
    std::mutex mutex;
    std::condition_variable cv;
    int arrived = 0;
  };
  auto meet = std::make_shared<Rendezvous>();
  std::vector<std::future<bool>> jobs;
  for (int i = 0; i < 3; ++i) {
    jobs.push_back(store.async_run(
        [meet](pqxx::work& tx) {
          tx.exec("SELECT 1");  // really on a connection
          std::unique_lock lock(meet->mutex);
          ++meet->arrived;
          meet->cv.notify_all();
          return meet->cv.wait_for(lock, 10s, [&] { return meet->arrived >= 3; });
        },
        use_future));
  }
  for (auto& j : jobs) EXPECT_TRUE(j.get());
}

TEST_F(DbAsync, DestroyingTheStoreFailsQueuedJobs) {
  std::future<void> running;
  std::vector<std::future<int>> queued;
  {
    Store store(store_options(1));
    auto started = std::make_shared<std::promise<void>>();
    auto started_future = started->get_future();
    running = store.async_run(
        [started](pqxx::work& tx) {
          started->set_value();
          tx.exec("SELECT pg_sleep(0.3)");
        },
        use_future);
    ASSERT_EQ(started_future.wait_for(5s), std::future_status::ready);  // the only worker is busy
    for (int i = 0; i < 3; ++i) {
      queued.push_back(store.async_run([](pqxx::work&) { return 1; }, use_future));
    }
  }
  EXPECT_NO_THROW(running.get());  // the running one finishes
  for (auto& q : queued) EXPECT_THROW(q.get(), Unavailable);
}

}  // namespace
}  // namespace credsvc::db::test
