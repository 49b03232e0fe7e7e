// The audit trail: every publish, revoke, expiry and admin action. These
// functions run inside the caller's transaction (Store::async_run, or the
// store's own operations), so an entry commits or rolls back with its change.
#pragma once

#include <cstddef>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "db/records.hpp"

namespace credsvc::db {

// Inserts `entry` (id and at are assigned by the database; detail must be a
// JSON object) and returns it as stored.
AuditEntry append_audit(pqxx::transaction_base& tx, const AuditEntry& entry);

// Newest first; filters are optional; at most `limit` entries.
std::vector<AuditEntry> list_audit(pqxx::transaction_base& tx, const std::optional<std::string>& aor,
                                   const std::optional<TimePoint>& since, std::size_t limit);

}  // namespace credsvc::db
