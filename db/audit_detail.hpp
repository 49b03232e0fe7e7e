// Internal: builds the JSON object stored in audit.detail.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "db/audit_log.hpp"

namespace credsvc::db::detail {

// Appends an audit entry for a change made in `tx` by `actor`.
void audit(pqxx::transaction_base& tx, const std::string& actor, const std::string& action,
           std::optional<std::string> aor, std::optional<std::string> domain,
           const boost::json::object& changes = {});

}  // namespace credsvc::db::detail
