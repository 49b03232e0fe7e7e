#include "db/audit_detail.hpp"

#include <boost/json/serialize.hpp>

namespace credsvc::db::detail {

void audit(pqxx::transaction_base& tx, const std::string& actor, const std::string& action,
           std::optional<std::string> aor, std::optional<std::string> domain, const boost::json::object& changes) {
  AuditEntry entry;
  entry.actor = actor;
  entry.action = action;
  entry.aor = std::move(aor);
  entry.domain = std::move(domain);
  entry.detail = boost::json::serialize(changes);
  append_audit(tx, entry);
}

}  // namespace credsvc::db::detail
