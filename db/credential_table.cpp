#include "db/credential_table.hpp"

#include "db/audit_detail.hpp"
#include "db/errors.hpp"
#include "db/row_codec.hpp"
#include "db/statement.hpp"

namespace credsvc::db {
namespace {

#define CREDSVC_CREDENTIAL_COLUMNS                                                                         \
  "aor, certificate_der, pkcs8_der, spki_sha256, credsvc_us(not_before), credsvc_us(not_after), etag, " \
  "credsvc_us(publication_expires), version, credsvc_us(updated_at)"

const detail::Statement select_credential{
    "credsvc_credential_get", "SELECT " CREDSVC_CREDENTIAL_COLUMNS " FROM credentials WHERE aor = $1"};

const detail::Statement lock_user{"credsvc_credential_lock_user", "SELECT 1 FROM users WHERE aor = $1 FOR UPDATE"};

// Two-key advisory locks live apart from the one-key space used by migrations.
const detail::Statement lock_key{"credsvc_credential_lock_key",
                                 "SELECT pg_advisory_xact_lock(1129465156, hashtext($1))"};

const detail::Statement select_revoked{"credsvc_revoked_get",
                                       "SELECT 1 FROM revoked_keys WHERE spki_sha256 = $1"};

const detail::Statement select_current{"credsvc_credential_current",
                                       "SELECT etag, spki_sha256 FROM credentials WHERE aor = $1"};

const detail::Statement upsert_credential{
    "credsvc_credential_upsert",
    "INSERT INTO credentials AS c (aor, certificate_der, pkcs8_der, spki_sha256, not_before, not_after, etag, "
    "publication_expires) VALUES ($1, $2, $3, $4, credsvc_ts($5), credsvc_ts($6), $7, credsvc_ts($8)) "
    "ON CONFLICT (aor) DO UPDATE SET certificate_der = EXCLUDED.certificate_der, pkcs8_der = EXCLUDED.pkcs8_der, "
    "spki_sha256 = EXCLUDED.spki_sha256, not_before = EXCLUDED.not_before, not_after = EXCLUDED.not_after, "
    "etag = EXCLUDED.etag, publication_expires = EXCLUDED.publication_expires, version = c.version + 1, "
    "updated_at = now() RETURNING " CREDSVC_CREDENTIAL_COLUMNS};

const detail::Statement refresh{
    "credsvc_credential_refresh",
    "UPDATE credentials SET etag = $3, publication_expires = credsvc_ts($4), updated_at = now() "
    "WHERE aor = $1 AND etag = $2 RETURNING " CREDSVC_CREDENTIAL_COLUMNS};

const detail::Statement exists_credential{"credsvc_credential_exists",
                                          "SELECT 1 FROM credentials WHERE aor = $1"};

const detail::Statement delete_credential{
    "credsvc_credential_delete", "DELETE FROM credentials WHERE aor = $1 RETURNING " CREDSVC_CREDENTIAL_COLUMNS};

const detail::Statement delete_key_elsewhere{
    "credsvc_credential_delete_key", "DELETE FROM credentials WHERE spki_sha256 = $1 RETURNING aor"};

const detail::Statement insert_revoked{
    "credsvc_revoked_insert",
    "INSERT INTO revoked_keys (spki_sha256, aor, reason, revoked_by) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (spki_sha256) DO NOTHING"};

const detail::Statement select_revoked_keys{
    "credsvc_revoked_list",
    "SELECT spki_sha256, aor, reason, credsvc_us(revoked_at), revoked_by FROM revoked_keys "
    "WHERE $1::text IS NULL OR aor = $1::text ORDER BY revoked_at DESC, spki_sha256"};

const detail::Statement expire{
    "credsvc_credential_expire",
    "WITH gone AS (DELETE FROM credentials WHERE publication_expires <= credsvc_ts($1) "
    "              RETURNING aor, spki_sha256, etag, version), "
    "     logged AS (INSERT INTO audit (actor, action, aor, domain, detail) "
    "                SELECT 'system', 'expire', aor, split_part(aor, '@', 2), "
    "                       jsonb_build_object('spki_sha256', spki_sha256, 'etag', etag, 'version', version) "
    "                FROM gone) "
    "SELECT aor FROM gone ORDER BY aor"};

const detail::Statement select_listing{
    "credsvc_credential_list",
    "SELECT " CREDSVC_CREDENTIAL_COLUMNS ", (SELECT u.enabled FROM users u WHERE u.aor = credentials.aor) "
    "FROM credentials WHERE $1::text IS NULL OR split_part(aor, '@', 2) = $1::text "
    "ORDER BY LEAST(not_after, publication_expires), aor LIMIT $2"};

#undef CREDSVC_CREDENTIAL_COLUMNS

Credential credential_from_row(const pqxx::row& row) {
  Credential c;
  c.aor = row[0].as<std::string>();
  c.certificate_der = detail::bytea_field(row[1]);
  c.pkcs8_der = detail::optional_bytea_field(row[2]);
  c.spki_sha256 = row[3].as<std::string>();
  c.not_before = detail::time_field(row[4]);
  c.not_after = detail::time_field(row[5]);
  c.etag = row[6].as<std::string>();
  c.publication_expires = detail::time_field(row[7]);
  c.version = row[8].as<std::int64_t>();
  c.updated_at = detail::time_field(row[9]);
  return c;
}

void check_credential(const Credential& c) {
  if (c.certificate_der.empty()) throw InvalidArgument("credential: certificate is empty");
  if (c.pkcs8_der && c.pkcs8_der->empty()) throw InvalidArgument("credential: PKCS#8 key is empty");
  if (c.etag.empty()) throw InvalidArgument("credential: etag is empty");
  if (c.spki_sha256.size() != 64) throw InvalidArgument("credential: SPKI fingerprint is not SHA-256 hex");
}

}  // namespace

std::optional<Credential> get_credential(pqxx::transaction_base& tx, const std::string& aor) {
  const auto r = detail::exec(tx, select_credential, detail::canonical_aor(aor));
  if (r.empty()) return std::nullopt;
  return credential_from_row(r[0]);
}

Credential put_credential(pqxx::transaction_base& tx, const Credential& credential, const std::string& actor,
                          const std::optional<std::string>& if_match) {
  check_credential(credential);
  const std::string aor = detail::canonical_aor(credential.aor);
  const std::string spki = detail::lower_ascii(credential.spki_sha256);
  if (detail::exec(tx, lock_user, aor).empty()) throw NotFound("user " + aor + " does not exist");
  // Held to COMMIT: a concurrent revocation of this key waits, then sees us.
  detail::exec(tx, lock_key, spki);
  if (!detail::exec(tx, select_revoked, spki).empty()) {
    throw KeyRevoked("credential: key " + spki + " has been revoked and cannot be published");
  }
  const auto current = detail::exec(tx, select_current, aor);
  if (if_match && (current.empty() || current[0][0].as<std::string>() != *if_match)) {
    throw PreconditionFailed("credential of " + aor + ": entity-tag does not match");
  }
  auto upsert = [&](auto&& pkcs8) {
    return detail::exec(tx, upsert_credential, aor, detail::bytea_param(credential.certificate_der), pkcs8, spki,
                        detail::to_micros(credential.not_before), detail::to_micros(credential.not_after),
                        credential.etag, detail::to_micros(credential.publication_expires));
  };
  const auto r = credential.pkcs8_der ? upsert(detail::bytea_param(*credential.pkcs8_der)) : upsert(nullptr);
  Credential stored = credential_from_row(r.at(0));
  boost::json::object changes{{"spki_sha256", spki}, {"etag", stored.etag}, {"version", stored.version},
                              {"with_key", stored.pkcs8_der.has_value()}};
  if (!current.empty()) changes["replaced_spki_sha256"] = current[0][1].as<std::string>();
  detail::audit(tx, actor, "publish", aor, detail::aor_domain(aor), changes);
  return stored;
}

Credential refresh_publication(pqxx::transaction_base& tx, const std::string& aor, const std::string& if_match,
                               const std::string& new_etag, TimePoint new_expires, const std::string& actor) {
  const std::string caor = detail::canonical_aor(aor);
  if (new_etag.empty()) throw InvalidArgument("credential: etag is empty");
  const auto r = detail::exec(tx, refresh, caor, if_match, new_etag, detail::to_micros(new_expires));
  if (r.empty()) {
    if (detail::exec(tx, exists_credential, caor).empty()) throw NotFound("no credential published for " + caor);
    throw PreconditionFailed("credential of " + caor + ": entity-tag does not match");
  }
  Credential stored = credential_from_row(r[0]);
  detail::audit(tx, actor, "publish.refresh", caor, detail::aor_domain(caor),
                {{"etag", stored.etag}, {"version", stored.version}});
  return stored;
}

std::optional<Credential> revoke_credential(pqxx::transaction_base& tx, const std::string& aor,
                                            const std::string& reason, const std::string& actor) {
  const std::string caor = detail::canonical_aor(aor);
  if (detail::exec(tx, lock_user, caor).empty()) return std::nullopt;
  const auto r = detail::exec(tx, delete_credential, caor);
  if (r.empty()) return std::nullopt;
  Credential revoked = credential_from_row(r[0]);
  // Waits for a concurrent put of the same key, whose row the next DELETE sees.
  detail::exec(tx, lock_key, revoked.spki_sha256);
  const auto also = detail::exec(tx, delete_key_elsewhere, revoked.spki_sha256);
  detail::exec(tx, insert_revoked, revoked.spki_sha256, caor, reason, actor);
  detail::audit(tx, actor, "revoke", caor, detail::aor_domain(caor),
                {{"spki_sha256", revoked.spki_sha256}, {"reason", reason}, {"version", revoked.version}});
  for (const auto& row : also) {
    const auto other = row[0].as<std::string>();
    detail::audit(tx, actor, "revoke", other, detail::aor_domain(other),
                  {{"spki_sha256", revoked.spki_sha256}, {"reason", reason}, {"revoked_with", caor}});
  }
  return revoked;
}

bool is_key_revoked(pqxx::transaction_base& tx, const std::string& spki_sha256) {
  return !detail::exec(tx, select_revoked, detail::lower_ascii(spki_sha256)).empty();
}

std::vector<RevokedKey> list_revoked_keys(pqxx::transaction_base& tx, const std::optional<std::string>& aor) {
  const auto r =
      detail::exec(tx, select_revoked_keys, aor ? std::optional(detail::canonical_aor(*aor)) : std::nullopt);
  std::vector<RevokedKey> out;
  out.reserve(r.size());
  for (const auto& row : r) {
    out.push_back(RevokedKey{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                             detail::time_field(row[3]), row[4].as<std::string>()});
  }
  return out;
}

std::vector<ListedCredential> list_credentials(pqxx::transaction_base& tx, const std::optional<std::string>& domain,
                                               std::size_t limit) {
  const auto r = detail::exec(tx, select_listing, domain ? std::optional(detail::lower_ascii(*domain)) : std::nullopt,
                              static_cast<std::int64_t>(limit));
  std::vector<ListedCredential> out;
  out.reserve(r.size());
  for (const auto& row : r) out.push_back(ListedCredential{credential_from_row(row), row[10].as<bool>(true)});
  return out;
}

std::vector<std::string> expire_publications(pqxx::transaction_base& tx, TimePoint now) {
  const auto r = detail::exec(tx, expire, detail::to_micros(now));
  std::vector<std::string> out;
  out.reserve(r.size());
  for (const auto& row : r) out.push_back(row[0].as<std::string>());
  return out;
}

}  // namespace credsvc::db
