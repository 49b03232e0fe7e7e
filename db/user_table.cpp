#include "db/user_table.hpp"

#include "db/audit_detail.hpp"
#include "db/errors.hpp"
#include "db/row_codec.hpp"
#include "db/statement.hpp"

namespace credsvc::db {
namespace {

#define CREDSVC_USER_COLUMNS \
  "aor, domain, ha1_md5, ha1_sha256, ha1_sha512_256, enabled, credsvc_us(password_changed_at), credsvc_us(created_at)"

const detail::Statement lock_domain_key{"credsvc_user_domain_exists",
                                        "SELECT 1 FROM domains WHERE name = $1 FOR KEY SHARE"};

const detail::Statement insert_user{
    "credsvc_user_insert",
    "INSERT INTO users (aor, domain, ha1_md5, ha1_sha256, ha1_sha512_256, enabled) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (aor) DO NOTHING RETURNING " CREDSVC_USER_COLUMNS};

const detail::Statement select_user{"credsvc_user_get", "SELECT " CREDSVC_USER_COLUMNS " FROM users WHERE aor = $1"};

const detail::Statement select_users{
    "credsvc_user_list",
    "SELECT " CREDSVC_USER_COLUMNS " FROM users WHERE $1::text IS NULL OR domain = $1::text ORDER BY aor"};

const detail::Statement update_hashes{
    "credsvc_user_set_hashes",
    "UPDATE users SET ha1_md5 = $2, ha1_sha256 = $3, ha1_sha512_256 = $4, password_changed_at = now() "
    "WHERE aor = $1"};

const detail::Statement update_enabled{"credsvc_user_set_enabled", "UPDATE users SET enabled = $2 WHERE aor = $1"};

const detail::Statement delete_user{
    "credsvc_user_delete",
    "DELETE FROM users WHERE aor = $1 RETURNING EXISTS (SELECT 1 FROM credentials WHERE aor = $1)"};

#undef CREDSVC_USER_COLUMNS

User user_from_row(const pqxx::row& row) {
  User u;
  u.aor = row[0].as<std::string>();
  u.domain = row[1].as<std::string>();
  u.ha1.md5 = row[2].as<std::string>();
  u.ha1.sha256 = row[3].as<std::string>();
  u.ha1.sha512_256 = row[4].as<std::string>();
  u.enabled = row[5].as<bool>();
  u.password_changed_at = detail::time_field(row[6]);
  u.created_at = detail::time_field(row[7]);
  return u;
}

// The schema checks the exact form too; this gives a clearer message, and
// one that can never quote the (password-equivalent) values.
void check_ha1(const DigestHa1& ha1) {
  auto is_hex = [](const std::string& s, std::size_t n) {
    if (s.size() != n) return false;
    for (char c : s) {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
  };
  if (!is_hex(ha1.md5, 32)) throw InvalidArgument("user: MD5 HA1 is not 32 lower-case hex digits");
  if (!is_hex(ha1.sha256, 64)) throw InvalidArgument("user: SHA-256 HA1 is not 64 lower-case hex digits");
  if (!is_hex(ha1.sha512_256, 64)) throw InvalidArgument("user: SHA-512-256 HA1 is not 64 lower-case hex digits");
}

}  // namespace

User add_user(pqxx::transaction_base& tx, const User& user, const std::string& actor) {
  const std::string aor = detail::canonical_aor(user.aor);
  const std::string domain = detail::aor_domain(aor);
  if (domain.empty() || aor.front() == '@') throw InvalidArgument("user: AOR " + aor + " is not user@domain");
  if (!user.domain.empty() && detail::lower_ascii(user.domain) != domain) {
    throw InvalidArgument("user: AOR " + aor + " is not in domain " + user.domain);
  }
  check_ha1(user.ha1);
  if (detail::exec(tx, lock_domain_key, domain).empty()) throw NotFound("domain " + domain + " does not exist");
  const auto r = detail::exec(tx, insert_user, aor, domain, user.ha1.md5, user.ha1.sha256, user.ha1.sha512_256,
                              user.enabled);
  if (r.empty()) throw Conflict("user " + aor + " already exists");
  detail::audit(tx, actor, "user.add", aor, domain, {{"enabled", user.enabled}});
  return user_from_row(r[0]);
}

std::optional<User> get_user(pqxx::transaction_base& tx, const std::string& aor) {
  const auto r = detail::exec(tx, select_user, detail::canonical_aor(aor));
  if (r.empty()) return std::nullopt;
  return user_from_row(r[0]);
}

std::vector<User> list_users(pqxx::transaction_base& tx, const std::optional<std::string>& domain) {
  const auto r =
      detail::exec(tx, select_users, domain ? std::optional(detail::lower_ascii(*domain)) : std::nullopt);
  std::vector<User> out;
  out.reserve(r.size());
  for (const auto& row : r) out.push_back(user_from_row(row));
  return out;
}

void set_password_hashes(pqxx::transaction_base& tx, const std::string& aor, const DigestHa1& ha1,
                         const std::string& actor) {
  const std::string caor = detail::canonical_aor(aor);
  check_ha1(ha1);
  const auto r = detail::exec(tx, update_hashes, caor, ha1.md5, ha1.sha256, ha1.sha512_256);
  if (r.affected_rows() == 0) throw NotFound("user " + caor + " does not exist");
  detail::audit(tx, actor, "user.passwd", caor, detail::aor_domain(caor));
}

void set_user_enabled(pqxx::transaction_base& tx, const std::string& aor, bool enabled, const std::string& actor) {
  const std::string caor = detail::canonical_aor(aor);
  const auto r = detail::exec(tx, update_enabled, caor, enabled);
  if (r.affected_rows() == 0) throw NotFound("user " + caor + " does not exist");
  detail::audit(tx, actor, enabled ? "user.enable" : "user.disable", caor, detail::aor_domain(caor));
}

void remove_user(pqxx::transaction_base& tx, const std::string& aor, const std::string& actor) {
  const std::string caor = detail::canonical_aor(aor);
  const auto r = detail::exec(tx, delete_user, caor);
  if (r.empty()) throw NotFound("user " + caor + " does not exist");
  detail::audit(tx, actor, "user.remove", caor, detail::aor_domain(caor),
                {{"credential_removed", r[0][0].as<bool>()}});
}

}  // namespace credsvc::db
