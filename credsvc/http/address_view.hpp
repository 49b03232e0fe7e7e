// Everything stored about one address-of-record: its user, its published
// credential and the keys revoked from it, read in one transaction. What
// `credsvc admin show` prints and GET /api/v1/credentials/{aor} returns.
#pragma once

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "db/records.hpp"

namespace credsvc::http {

struct AddressView {
  std::optional<db::User> user;
  std::optional<db::Credential> credential;
  std::vector<db::RevokedKey> revoked;

  // Neither a user nor a credential: nothing is known of the address.
  bool unknown() const { return !user && !credential; }
};

// Runs inside the caller's transaction (db::Store::async_run).
AddressView read_address(pqxx::transaction_base& tx, const std::string& aor);

}  // namespace credsvc::http
