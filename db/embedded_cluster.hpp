// A private PostgreSQL cluster that credsvc creates and runs under its data
// directory: the "embedded default" of `credsvc serve` and of the test harness.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace credsvc::db {

// One-line, user-facing failure: PostgreSQL missing, initdb/pg_ctl failed,
// a data directory owned by someone else, ...
class ClusterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ClusterOptions {
  // The credsvc data directory. The cluster lives in DIR/pgdata, its Unix
  // socket in DIR/run; PostgreSQL listens on no TCP port.
  std::filesystem::path data_dir;
  std::string database = "credsvc";
  std::string superuser = "credsvc";
  // Directory holding initdb/pg_ctl/postgres; empty = search PATH, then
  // /usr/lib/postgresql/*/bin (newest major first).
  std::filesystem::path bin_dir;
  // How long pg_ctl may wait for start and stop.
  int timeout_seconds = 60;
  // Test clusters: no fsync, no synchronous commit (never for real data).
  bool fast_for_tests = false;
};

class EmbeddedCluster {
 public:
  explicit EmbeddedCluster(ClusterOptions options);
  ~EmbeddedCluster();  // stops the cluster if this object started it
  EmbeddedCluster(const EmbeddedCluster&) = delete;
  EmbeddedCluster& operator=(const EmbeddedCluster&) = delete;

  // Creates the cluster on first use (initdb + the database), then starts it
  // unless it is already running (e.g. a `serve` holds it while `admin` runs).
  // Returns true when this call started it.
  bool start();
  // Stops the cluster if this object started it (fast shutdown); idempotent.
  void stop();
  bool running() const;
  // Whether initdb has been run in data_dir already.
  bool initialised() const;

  // libpq connection string for the cluster's database over its Unix socket.
  std::string connection_string() const;
  const ClusterOptions& options() const { return options_; }

 private:
  ClusterOptions options_;
  std::filesystem::path bin_dir_;
  bool started_by_us_ = false;
};

// Finds the directory holding initdb and pg_ctl: the first PATH entry with
// both, else the newest `lib_root`/<major>/bin. Throws ClusterError naming how
// to install PostgreSQL when there is none.
std::filesystem::path find_postgres_bin_dir(std::string_view path_env,
                                            const std::filesystem::path& lib_root = "/usr/lib/postgresql");
// The same with this process's PATH.
std::filesystem::path find_postgres_bin_dir();

}  // namespace credsvc::db
