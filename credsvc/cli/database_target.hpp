// Where a command's data lives: an external PostgreSQL (--db URL) or the
// embedded default, a private cluster under --data-dir that is started for as
// long as the command needs it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace CLI {
class App;
}
namespace credsvc::db {
class EmbeddedCluster;
}

namespace credsvc::cli {

struct DatabaseOptions {
  std::string url;                                  // --db / CREDSVC_DB
  std::filesystem::path data_dir = "var/credsvc";   // --data-dir / CREDSVC_DATA_DIR
};

void add_database_options(CLI::App& cmd, DatabaseOptions& options);

class DatabaseTarget {
 public:
  // With no URL: creates (first run) and starts the embedded cluster unless
  // it already runs (a `serve` may hold it). Then applies pending migrations.
  // Throws std::runtime_error with a one-line cause.
  explicit DatabaseTarget(const DatabaseOptions& options);
  ~DatabaseTarget();
  DatabaseTarget(const DatabaseTarget&) = delete;
  DatabaseTarget& operator=(const DatabaseTarget&) = delete;

  const std::string& conninfo() const { return conninfo_; }
  bool embedded() const { return cluster_ != nullptr; }
  // The embedded default's directory (meaningful only when embedded()).
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // A description for logs that carries no password.
  std::string describe() const;
  // Stops the embedded cluster if this target started it.
  void shutdown();

 private:
  std::unique_ptr<db::EmbeddedCluster> cluster_;
  std::string conninfo_;
  std::filesystem::path data_dir_;
  bool started_cluster_ = false;
};

}  // namespace credsvc::cli
