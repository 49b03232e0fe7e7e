#include "db/migrations.hpp"

#include <algorithm>
#include <map>
#include <pqxx/pqxx>

#include "db/conninfo.hpp"
#include "db/embedded_migrations.hpp"
#include "db/error_translation.hpp"
#include "db/errors.hpp"

namespace credsvc::db {
namespace {

// pg_advisory_xact_lock key of schema changes ("credsvc\0" as a number).
constexpr std::int64_t migration_lock_key = 0x6372656473766300;

constexpr std::chrono::seconds migration_connect_timeout{10};

std::vector<std::string> apply_pending(pqxx::connection_base& conn) {
  pqxx::work tx(conn);
  // Serialises concurrent starters; released at COMMIT or ROLLBACK.
  tx.exec_params("SELECT pg_advisory_xact_lock($1)", migration_lock_key);
  tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY CHECK (version > 0),"
      " name text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())");

  std::map<int, std::string> applied;
  for (const auto& row : tx.exec("SELECT version, name FROM schema_migrations")) {
    applied.emplace(row[0].as<int>(), row[1].as<std::string>());
  }
  const int known = latest_schema_version();
  if (!applied.empty() && applied.rbegin()->first > known) {
    throw MigrationError("database schema version " + std::to_string(applied.rbegin()->first) +
                         " is newer than this credsvc supports (" + std::to_string(known) +
                         "); upgrade credsvc");
  }

  std::vector<std::string> done;
  for (const auto& m : embedded_migrations()) {
    if (applied.contains(m.version)) continue;
    const std::string name(m.name);
    try {
      tx.exec(std::string(m.sql));
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const pqxx::sql_error& e) {
      throw MigrationError("migration " + name + " failed: " + first_line(e.what()));
    }
    tx.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, name);
    done.push_back(name);
  }
  tx.commit();
  return done;
}

}  // namespace

int latest_schema_version() {
  int v = 0;
  for (const auto& m : embedded_migrations()) v = std::max(v, m.version);
  return v;
}

std::vector<std::string> apply_migrations(const std::string& conninfo) {
  try {
    pqxx::connection conn(with_connect_timeout(conninfo, migration_connect_timeout));
    pqxx::quiet_errorhandler quiet(conn);  // "relation exists, skipping" notices
    return apply_pending(conn);
  } catch (const StoreError&) {
    throw;
  } catch (const pqxx::in_doubt_error&) {
    throw Unavailable("migrations: connection lost during COMMIT, outcome unknown");
  } catch (const pqxx::broken_connection& e) {
    throw Unavailable("migrations: database unavailable: " + first_line(e.what()));
  } catch (const std::exception& e) {
    throw MigrationError("migrations: " + first_line(e.what()));
  }
}

}  // namespace credsvc::db
