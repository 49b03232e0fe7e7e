// Schema migrations, applied at start-up.
#pragma once

#include <string>
#include <vector>

namespace credsvc::db {

// Applies the embedded migrations not yet recorded in schema_migrations, all
// in ONE transaction under a transaction-level advisory lock, so concurrent
// starters serialise and a failure leaves the schema untouched. Returns the
// names ("001_initial", ...) applied by this call, empty when up to date.
// Throws Unavailable when the database cannot be reached, MigrationError when
// the database has a version this binary does not know or a migration fails.
std::vector<std::string> apply_migrations(const std::string& conninfo);

// Highest migration version compiled into this binary.
int latest_schema_version();

}  // namespace credsvc::db
