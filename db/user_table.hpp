// SIP users: canonical AOR, Digest HA1 values, enabled flag. Functions run
// inside the caller's transaction; mutations write an audit entry in it.
// AORs are canonicalised (domain part lower case) on the way in.
#pragma once

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "db/records.hpp"

namespace credsvc::db {

// Throws NotFound if the AOR's domain does not exist, Conflict if the user does.
User add_user(pqxx::transaction_base& tx, const User& user, const std::string& actor);
std::optional<User> get_user(pqxx::transaction_base& tx, const std::string& aor);
// All users, or those of one domain; ordered by AOR.
std::vector<User> list_users(pqxx::transaction_base& tx, const std::optional<std::string>& domain);
// These throw NotFound if the user does not exist.
void set_password_hashes(pqxx::transaction_base& tx, const std::string& aor, const DigestHa1& ha1,
                         const std::string& actor);
void set_user_enabled(pqxx::transaction_base& tx, const std::string& aor, bool enabled, const std::string& actor);
// Also removes the user's credential (not their revoked keys).
void remove_user(pqxx::transaction_base& tx, const std::string& aor, const std::string& actor);

}  // namespace credsvc::db
