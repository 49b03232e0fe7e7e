#include "db/audit_log.hpp"

#include "db/errors.hpp"
#include "db/row_codec.hpp"
#include "db/statement.hpp"

namespace credsvc::db {
namespace {

#define CREDSVC_AUDIT_COLUMNS "id, credsvc_us(at), actor, action, aor, domain, detail::text"

const detail::Statement insert_audit{
    "credsvc_audit_insert",
    "INSERT INTO audit (actor, action, aor, domain, detail) VALUES ($1, $2, $3, $4, $5::jsonb) "
    "RETURNING " CREDSVC_AUDIT_COLUMNS};

const detail::Statement select_audit{
    "credsvc_audit_list",
    "SELECT " CREDSVC_AUDIT_COLUMNS " FROM audit "
    "WHERE ($1::text IS NULL OR aor = $1::text) AND ($2::bigint IS NULL OR at >= credsvc_ts($2::bigint)) "
    "ORDER BY at DESC, id DESC LIMIT $3"};

#undef CREDSVC_AUDIT_COLUMNS

AuditEntry audit_from_row(const pqxx::row& row) {
  AuditEntry e;
  e.id = row[0].as<std::int64_t>();
  e.at = detail::time_field(row[1]);
  e.actor = row[2].as<std::string>();
  e.action = row[3].as<std::string>();
  e.aor = detail::optional_text_field(row[4]);
  e.domain = detail::optional_text_field(row[5]);
  e.detail = row[6].as<std::string>();
  return e;
}

}  // namespace

AuditEntry append_audit(pqxx::transaction_base& tx, const AuditEntry& entry) {
  if (entry.actor.empty()) throw InvalidArgument("audit: actor is empty");
  if (entry.action.empty()) throw InvalidArgument("audit: action is empty");
  const auto r = detail::exec(tx, insert_audit, entry.actor, entry.action, entry.aor, entry.domain,
                              entry.detail.empty() ? std::string("{}") : entry.detail);
  return audit_from_row(r.at(0));
}

std::vector<AuditEntry> list_audit(pqxx::transaction_base& tx, const std::optional<std::string>& aor,
                                   const std::optional<TimePoint>& since, std::size_t limit) {
  std::optional<std::int64_t> since_us;
  if (since) since_us = detail::to_micros(*since);
  const auto r = detail::exec(tx, select_audit, aor ? std::optional(detail::canonical_aor(*aor)) : std::nullopt,
                              since_us, static_cast<std::int64_t>(limit));
  std::vector<AuditEntry> out;
  out.reserve(r.size());
  for (const auto& row : r) out.push_back(audit_from_row(row));
  return out;
}

}  // namespace credsvc::db
