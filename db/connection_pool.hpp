// Worker threads that each own one PostgreSQL connection and run queued jobs,
// so no database round trip ever happens on a caller's I/O thread.
//
// Connection loss: before each job a worker checks that its idle session is
// still open (a restarted server closes it) and reconnects at once if not. A
// worker whose connection broke drops it and reconnects with capped
// exponential backoff. A job that hit the broken connection before
// COMMIT is run once more on the fresh connection (its transaction certainly
// did not commit); if that fails too, or the connection broke during COMMIT
// (outcome unknown), the job fails with Unavailable. While a worker has no
// connection and its backoff has not elapsed, jobs fail at once with
// Unavailable instead of waiting, so callers can answer 503 promptly.
#pragma once

#include <exception>
#include <memory>
#include <string>

#include "db/store_options.hpp"

namespace pqxx {
class connection_base;
}

namespace credsvc::db {

// One unit of work for the pool; the store's job type implements it.
class PoolJob {
 public:
  enum class Delivery {
    dispatch,  // on a worker: run the completion inline if its executor allows
    post,      // from the submitting thread: never complete inline
  };

  virtual ~PoolJob() = default;
  // Runs the work on `conn` (in its own transaction). May be called a second
  // time, on a new connection, after the first call lost its connection.
  virtual void execute(pqxx::connection_base& conn) = 0;
  // Delivers the outcome exactly once: a null `error` after execute returned,
  // otherwise a db:: exception.
  virtual void complete(std::exception_ptr error, Delivery delivery) noexcept = 0;
};

class ConnectionPool {
 public:
  // Starts options.pool_size workers that connect in the background.
  // `origin` is set as the session's credsvc.origin (see change notifications).
  ConnectionPool(const StoreOptions& options, std::string origin);
  ~ConnectionPool();  // stop()
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Queues `job`. When the queue is full or the pool stopped, the job is
  // completed with Unavailable (Delivery::post) instead.
  void submit(std::unique_ptr<PoolJob> job);

  // Fails every queued job with Unavailable, lets running jobs finish and
  // joins the workers. Idempotent.
  void stop();

 private:
  class State;
  std::shared_ptr<State> state_;
};

}  // namespace credsvc::db
