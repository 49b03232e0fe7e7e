#include "test_postgres.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <stdexcept>

#include "child.hpp"
#include "db/embedded_cluster.hpp"

namespace credsvc::testing {
namespace {

// One cluster per test process, in a fresh temporary directory, removed at exit.
struct SharedCluster {
  TempDir temp;
  std::filesystem::path dir = temp.path();
  std::unique_ptr<db::EmbeddedCluster> cluster;

  SharedCluster() {
    db::ClusterOptions opts;
    opts.data_dir = dir;
    opts.fast_for_tests = true;
    cluster = std::make_unique<db::EmbeddedCluster>(opts);
    cluster->start();
  }
  ~SharedCluster() {
    try {
      cluster.reset();
    } catch (...) {
    }
  }
};

std::mutex g_mutex;

SharedCluster& shared() {
  std::lock_guard lock(g_mutex);
  static SharedCluster instance;
  return instance;
}

}  // namespace

std::string cluster_connection_string() { return shared().cluster->connection_string(); }

std::string fresh_database() {
  static std::atomic<int> counter{0};
  auto& c = shared();
  const std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  pqxx::connection conn(c.cluster->connection_string());
  pqxx::nontransaction tx(conn);
  tx.exec("CREATE DATABASE " + tx.quote_name(name));
  return "host=" + (c.dir / "run").string() + " dbname=" + name + " user=credsvc";
}

void stop_cluster() { shared().cluster->stop(); }

void start_cluster() { shared().cluster->start(); }

void restart_cluster() {
  stop_cluster();
  start_cluster();
}

}  // namespace credsvc::testing
