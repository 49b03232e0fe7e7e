// Internal: named SQL statements, prepared lazily once per connection.
#pragma once

#include <pqxx/pqxx>
#include <utility>

namespace credsvc::db::detail {

struct Statement {
  const char* name;
  const char* sql;
};

// Runs `statement` with bound parameters ($1, $2, ...). Registering an
// identical definition again is a no-op for libpqxx, so each connection
// prepares each statement once, on first use.
template <typename... Args>
pqxx::result exec(pqxx::transaction_base& tx, const Statement& statement, Args&&... args) {
  tx.conn().prepare(statement.name, statement.sql);
  return tx.exec_prepared(statement.name, std::forward<Args>(args)...);
}

}  // namespace credsvc::db::detail
