#include "db/token_table.hpp"

#include "db/api_token.hpp"
#include "db/audit_detail.hpp"
#include "db/errors.hpp"
#include "db/row_codec.hpp"
#include "db/statement.hpp"

namespace credsvc::db {
namespace {

#define CREDSVC_TOKEN_COLUMNS \
  "id, name, scope, credsvc_us(created_at), created_by, credsvc_us(revoked_at)"

const detail::Statement insert_token{
    "credsvc_token_insert",
    "INSERT INTO api_tokens (id, name, scope, secret_sha256, created_by) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (id) DO NOTHING RETURNING " CREDSVC_TOKEN_COLUMNS};

const detail::Statement revoke_token{
    "credsvc_token_revoke",
    "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING " CREDSVC_TOKEN_COLUMNS};

const detail::Statement token_exists{"credsvc_token_exists", "SELECT 1 FROM api_tokens WHERE id = $1"};

const detail::Statement select_tokens{"credsvc_token_list",
                                      "SELECT " CREDSVC_TOKEN_COLUMNS " FROM api_tokens ORDER BY created_at, id"};

const detail::Statement select_for_verify{
    "credsvc_token_verify",
    "SELECT " CREDSVC_TOKEN_COLUMNS ", secret_sha256 FROM api_tokens WHERE id = $1 AND revoked_at IS NULL"};

#undef CREDSVC_TOKEN_COLUMNS

ApiToken token_from_row(const pqxx::row& row) {
  ApiToken t;
  t.id = row[0].as<std::string>();
  t.name = row[1].as<std::string>();
  t.scope = row[2].as<std::string>();
  t.created_at = detail::time_field(row[3]);
  t.created_by = row[4].as<std::string>();
  if (!row[5].is_null()) t.revoked_at = detail::time_field(row[5]);
  return t;
}

}  // namespace

CreatedApiToken create_api_token(pqxx::transaction_base& tx, const std::string& name, const std::string& scope,
                                 const std::string& actor) {
  if (name.empty() || name.size() > 200) throw InvalidArgument("token: name must be 1 to 200 characters");
  if (scope != "admin" && scope != "stir") {
    throw InvalidArgument("token: scope must be 'admin' or 'stir', not '" + scope + "'");
  }
  // A random 12-character id practically never collides; a few redraws make
  // it certain rather than likely.
  for (int attempt = 0; attempt < 4; ++attempt) {
    const ApiTokenParts parts = generate_api_token();
    const auto r = detail::exec(tx, insert_token, parts.id, name, scope, api_token_secret_sha256(parts.secret), actor);
    if (r.empty()) continue;
    CreatedApiToken created{token_from_row(r[0]), format_api_token(parts)};
    detail::audit(tx, actor, "token.create", std::nullopt, std::nullopt,
                  {{"id", parts.id}, {"name", name}, {"scope", scope}});
    return created;
  }
  throw Conflict("token: could not draw an unused id");
}

ApiToken revoke_api_token(pqxx::transaction_base& tx, const std::string& id, const std::string& actor) {
  const auto r = detail::exec(tx, revoke_token, id);
  if (r.empty()) {
    if (detail::exec(tx, token_exists, id).empty()) throw NotFound("token " + id + " does not exist");
    throw Conflict("token " + id + " is already revoked");
  }
  ApiToken t = token_from_row(r[0]);
  detail::audit(tx, actor, "token.revoke", std::nullopt, std::nullopt,
                {{"id", t.id}, {"name", t.name}, {"scope", t.scope}});
  return t;
}

std::vector<ApiToken> list_api_tokens(pqxx::transaction_base& tx) {
  const auto r = detail::exec(tx, select_tokens);
  std::vector<ApiToken> out;
  out.reserve(r.size());
  for (const auto& row : r) out.push_back(token_from_row(row));
  return out;
}

std::optional<ApiToken> verify_api_token(pqxx::transaction_base& tx, const std::string& token_text) {
  const auto parts = parse_api_token(token_text);
  if (!parts) return std::nullopt;
  const auto r = detail::exec(tx, select_for_verify, parts->id);
  if (r.empty()) return std::nullopt;
  if (!digests_equal(api_token_secret_sha256(parts->secret), r[0][6].as<std::string>())) return std::nullopt;
  return token_from_row(r[0]);
}

}  // namespace credsvc::db
