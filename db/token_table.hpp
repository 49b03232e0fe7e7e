// API tokens (table api_tokens, migration 003): created with a random id and
// secret whose SHA-256 alone is stored, listed without secrets, revoked, and
// checked. Functions run inside the caller's transaction; create and revoke
// write an audit entry in it. See db/api_token.hpp for the token text.
#pragma once

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "db/records.hpp"

namespace credsvc::db {

struct ApiToken {
  std::string id;
  std::string name;
  std::string scope;  // "admin" or "stir"
  TimePoint created_at{};
  std::string created_by;
  std::optional<TimePoint> revoked_at;
};

struct CreatedApiToken {
  ApiToken token;
  std::string text;  // "csv_<id>_<secret>": shown once, never stored
};

// Throws InvalidArgument for an empty or over-long name or a scope other
// than "admin" or "stir".
CreatedApiToken create_api_token(pqxx::transaction_base& tx, const std::string& name, const std::string& scope,
                                 const std::string& actor);
// Sets revoked_at. Throws NotFound for an unknown id, Conflict when the token
// is already revoked.
ApiToken revoke_api_token(pqxx::transaction_base& tx, const std::string& id, const std::string& actor);
// Every token, revoked ones included, oldest first.
std::vector<ApiToken> list_api_tokens(pqxx::transaction_base& tx);
// The token's row when `token_text` is well formed, its id exists, it is not
// revoked and SHA-256 of its secret matches (compared in constant time);
// nullopt otherwise, without saying which.
std::optional<ApiToken> verify_api_token(pqxx::transaction_base& tx, const std::string& token_text);

}  // namespace credsvc::db
