#include "cli/database_target.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <stdexcept>

#include "cli/one_line.hpp"
#include "db/embedded_cluster.hpp"
#include "db/migrations.hpp"

namespace credsvc::cli {

void add_database_options(CLI::App& cmd, DatabaseOptions& options) {
  auto* db = cmd.add_option("--db", options.url,
                            "PostgreSQL URL (postgresql://user@host/db); without it, the embedded default")
                 ->envname("CREDSVC_DB");
  cmd.add_option("--data-dir", options.data_dir, "directory of the embedded default's PostgreSQL cluster")
      ->envname("CREDSVC_DATA_DIR")
      ->capture_default_str()
      ->excludes(db);
}

DatabaseTarget::DatabaseTarget(const DatabaseOptions& options) : data_dir_(options.data_dir) {
  if (options.url.empty()) {
    db::ClusterOptions cluster_options;
    cluster_options.data_dir = options.data_dir;
    cluster_ = std::make_unique<db::EmbeddedCluster>(cluster_options);
    const bool fresh = !cluster_->initialised();
    started_cluster_ = cluster_->start();
    if (fresh) spdlog::info("created embedded PostgreSQL cluster in {}", cluster_->options().data_dir.string());
    if (started_cluster_) spdlog::info("started embedded PostgreSQL in {}", cluster_->options().data_dir.string());
    conninfo_ = cluster_->connection_string();
  } else {
    conninfo_ = options.url;
  }
  try {
    for (const auto& name : db::apply_migrations(conninfo_)) spdlog::info("applied migration {}", name);
  } catch (const std::exception& e) {
    const std::string cause = one_line(e.what());
    shutdown();
    throw std::runtime_error("database " + describe() + ": " + cause);
  }
}

DatabaseTarget::~DatabaseTarget() {
  try {
    shutdown();
  } catch (const std::exception& e) {
    spdlog::error("{}", one_line(e.what()));
  }
}

std::string DatabaseTarget::describe() const {
  if (cluster_) return "embedded in " + cluster_->options().data_dir.string();
  // Hide a password in a URL (scheme://user:secret@host) or key=value form.
  std::string shown = conninfo_;
  if (const auto scheme = shown.find("://"); scheme != std::string::npos) {
    const auto at = shown.find('@', scheme);
    const auto colon = shown.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at) {
      shown.replace(colon + 1, at - colon - 1, "***");
    }
  } else if (const auto pw = shown.find("password="); pw != std::string::npos) {
    const auto end = shown.find(' ', pw);
    shown.replace(pw + 9, (end == std::string::npos ? shown.size() : end) - pw - 9, "***");
  }
  return shown;
}

void DatabaseTarget::shutdown() {
  if (cluster_ && started_cluster_) {
    started_cluster_ = false;
    cluster_->stop();
    spdlog::info("stopped embedded PostgreSQL");
  }
}

}  // namespace credsvc::cli
