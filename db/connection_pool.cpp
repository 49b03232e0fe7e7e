#include "db/connection_pool.hpp"

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <pqxx/connection>
#include <pqxx/errorhandler>
#include <thread>
#include <vector>

#include "db/conninfo.hpp"
#include "db/error_translation.hpp"
#include "db/errors.hpp"
#include "metrics/registry.hpp"

namespace credsvc::db {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds initial_backoff{100};

// /metrics: database time and pool use, summed over the pools of the process.
struct PoolMetrics {
  metrics::Histogram& transaction_seconds = metrics::default_registry()
      .histogram("credsvc_db_transaction_seconds", "time of one database job on a pool connection, retries included", {},
                 metrics::duration_buckets())
      .get();
  metrics::Counter& failures =
      metrics::default_registry().counter("credsvc_db_failures_total", "database jobs that ended in an error").get();
  metrics::Gauge& queued =
      metrics::default_registry().gauge("credsvc_db_queued_jobs", "database jobs waiting for a pool connection").get();
  metrics::Gauge& busy =
      metrics::default_registry().gauge("credsvc_db_busy_connections", "pool connections running a job").get();
  metrics::Gauge& connected =
      metrics::default_registry().gauge("credsvc_db_open_connections", "pool connections open to the database").get();
};

PoolMetrics& pool_metrics() {
  static PoolMetrics m;
  return m;
}

}  // namespace

class ConnectionPool::State {
 public:
  State(const StoreOptions& options, std::string origin)
      : conninfo_(with_connect_timeout(options.conninfo, options.connect_timeout)),
        origin_(std::move(origin)),
        max_backoff_(std::max(options.max_backoff, initial_backoff)),
        queue_limit_(options.queue_limit) {
    const std::size_t n = std::max<std::size_t>(options.pool_size, 1);
    workers_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) workers_.emplace_back([this] { Worker(*this).run(); });
  }

  ~State() { stop(); }

  void submit(std::unique_ptr<PoolJob> job) {
    std::unique_lock lock(mutex_);
    if (stopping_) {
      lock.unlock();
      job->complete(std::make_exception_ptr(Unavailable("database: store is shutting down")),
                    PoolJob::Delivery::post);
      return;
    }
    if (queue_.size() >= queue_limit_) {
      lock.unlock();
      job->complete(std::make_exception_ptr(Unavailable("database: too many queued requests")),
                    PoolJob::Delivery::post);
      return;
    }
    queue_.push_back(std::move(job));
    pool_metrics().queued.add(1);
    lock.unlock();
    wake_.notify_one();
  }

  void stop() {
    std::deque<std::unique_ptr<PoolJob>> abandoned;
    {
      std::lock_guard lock(mutex_);
      if (stopping_ && workers_.empty()) return;
      stopping_ = true;
      abandoned.swap(queue_);
      pool_metrics().queued.add(-static_cast<double>(abandoned.size()));
    }
    wake_.notify_all();
    for (auto& job : abandoned) {
      job->complete(std::make_exception_ptr(Unavailable("database: store is shutting down")),
                    PoolJob::Delivery::post);
    }
    for (auto& worker : workers_) {
      if (worker.joinable()) worker.join();
    }
    std::lock_guard lock(mutex_);
    workers_.clear();
  }

 private:
  // The loop of one worker thread and the connection it owns.
  class Worker {
   public:
    explicit Worker(State& state) : state_(state) {}
    ~Worker() { drop(); }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void run() {
      std::unique_lock lock(state_.mutex_);
      for (;;) {
        if (!conn_ && !state_.stopping_ && SteadyClock::now() >= next_attempt_) {
          lock.unlock();
          connect();
          lock.lock();
          continue;
        }
        if (state_.queue_.empty()) {
          if (state_.stopping_) return;
          if (conn_) {
            state_.wake_.wait(lock);
          } else {
            state_.wake_.wait_until(lock, next_attempt_);
          }
          continue;
        }
        auto job = std::move(state_.queue_.front());
        state_.queue_.pop_front();
        pool_metrics().queued.add(-1);
        lock.unlock();
        pool_metrics().busy.add(1);
        const auto started = SteadyClock::now();
        run_job(*job);
        pool_metrics().transaction_seconds.observe(std::chrono::duration<double>(SteadyClock::now() - started).count());
        pool_metrics().busy.add(-1);
        job.reset();
        lock.lock();
      }
    }

   private:
    bool connect() {
      drop();
      try {
        auto conn = std::make_unique<pqxx::connection>(state_.conninfo_);
        // Server notices (e.g. "relation exists, skipping") are not ours to print.
        auto quiet = std::make_unique<pqxx::quiet_errorhandler>(*conn);
        // Read by the change-notification triggers (migration 002).
        conn->set_variable("credsvc.origin", conn->quote(state_.origin_));
        quiet_ = std::move(quiet);
        conn_ = std::move(conn);
        pool_metrics().connected.add(1);
        backoff_ = initial_backoff;
        return true;
      } catch (const std::exception& e) {
        last_error_ = first_line(e.what());
        next_attempt_ = SteadyClock::now() + backoff_;
        backoff_ = std::min(backoff_ * 2, state_.max_backoff_);
        return false;
      }
    }

    void drop() noexcept {
      quiet_.reset();
      if (conn_) pool_metrics().connected.add(-1);
      conn_.reset();
    }

    // An idle session has nothing to read unless the server has closed it
    // (restart, idle timeout) or sent a notification. Finding that out here,
    // instead of by a failing BEGIN, also sidesteps libpqxx 6.4 leaking the
    // failed BEGIN's result.
    bool idle_session_alive() {
      pollfd p{conn_->sock(), POLLIN, 0};
      if (p.fd < 0) return false;
      if (::poll(&p, 1, 0) <= 0) return true;
      if ((p.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) return false;
      try {
        conn_->get_notifs();  // reads what is there; throws when the peer is gone
      } catch (const std::exception&) {
        return false;
      }
      return conn_->is_open();
    }

    void run_job(PoolJob& job) {
      if (conn_ && !idle_session_alive()) {
        drop();
        connect();
      }
      if (!conn_) {
        pool_metrics().failures.inc();
        job.complete(std::make_exception_ptr(Unavailable("database unavailable: " + last_error_)),
                     PoolJob::Delivery::dispatch);
        return;
      }
      for (int attempt = 0;; ++attempt) {
        std::exception_ptr error;
        try {
          job.execute(*conn_);
        } catch (...) {
          error = std::current_exception();
        }
        if (!error) {
          job.complete(nullptr, PoolJob::Delivery::dispatch);
          return;
        }
        const FailureClass failure = classify_failure(error);
        if (failure == FailureClass::connection_lost || failure == FailureClass::commit_in_doubt ||
            !conn_->is_open()) {
          drop();
        }
        // A transaction that never reached COMMIT left no trace: running it
        // again on a fresh connection is safe (once, so a job that itself
        // breaks the session cannot loop).
        const bool rerun = attempt == 0 && (failure == FailureClass::connection_lost ||
                                            failure == FailureClass::retryable);
        if (rerun && (conn_ || connect())) continue;
        pool_metrics().failures.inc();
        job.complete(to_store_error(error), PoolJob::Delivery::dispatch);
        return;
      }
    }

    State& state_;
    std::unique_ptr<pqxx::connection> conn_;
    std::unique_ptr<pqxx::quiet_errorhandler> quiet_;
    SteadyClock::time_point next_attempt_{};
    std::chrono::milliseconds backoff_ = initial_backoff;
    std::string last_error_ = "not connected";
  };

  const std::string conninfo_;
  const std::string origin_;
  const std::chrono::milliseconds max_backoff_;
  const std::size_t queue_limit_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<PoolJob>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

ConnectionPool::ConnectionPool(const StoreOptions& options, std::string origin)
    : state_(std::make_shared<State>(options, std::move(origin))) {}

ConnectionPool::~ConnectionPool() { stop(); }

void ConnectionPool::submit(std::unique_ptr<PoolJob> job) { state_->submit(std::move(job)); }

void ConnectionPool::stop() { state_->stop(); }

}  // namespace credsvc::db
