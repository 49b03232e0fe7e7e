#include "db/domain_table.hpp"

#include "db/audit_detail.hpp"
#include "db/errors.hpp"
#include "db/row_codec.hpp"
#include "db/statement.hpp"

namespace credsvc::db {
namespace {

#define CREDSVC_DOMAIN_COLUMNS                                                                      \
  "name, realm, tls_chain_pem, tls_key_pem, identity_chain_pem, identity_key_pem, identity_alg, " \
  "credsvc_us(created_at), credsvc_us(updated_at)"

const detail::Statement insert_domain{
    "credsvc_domain_insert",
    "INSERT INTO domains (name, realm, tls_chain_pem, tls_key_pem, identity_chain_pem, identity_key_pem, "
    "identity_alg) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING "
    "RETURNING " CREDSVC_DOMAIN_COLUMNS};

const detail::Statement select_domain{"credsvc_domain_get",
                                      "SELECT " CREDSVC_DOMAIN_COLUMNS " FROM domains WHERE name = $1"};

const detail::Statement select_domains{"credsvc_domain_list",
                                       "SELECT " CREDSVC_DOMAIN_COLUMNS " FROM domains ORDER BY name"};

// Pairs are given whole or not at all, so coalesce keeps or replaces both halves.
const detail::Statement update_certs{
    "credsvc_domain_update_certs",
    "UPDATE domains SET tls_chain_pem = coalesce($2, tls_chain_pem), tls_key_pem = coalesce($3, tls_key_pem), "
    "identity_chain_pem = coalesce($4, identity_chain_pem), identity_key_pem = coalesce($5, identity_key_pem), "
    "identity_alg = coalesce($6, identity_alg), updated_at = now() WHERE name = $1 "
    "RETURNING " CREDSVC_DOMAIN_COLUMNS};

const detail::Statement lock_domain{"credsvc_domain_lock", "SELECT 1 FROM domains WHERE name = $1 FOR UPDATE"};

const detail::Statement delete_domain_users{"credsvc_domain_delete_users",
                                            "DELETE FROM users WHERE domain = $1"};

const detail::Statement count_domain_users{"credsvc_domain_count_users",
                                           "SELECT count(*) FROM users WHERE domain = $1"};

const detail::Statement delete_domain{"credsvc_domain_delete", "DELETE FROM domains WHERE name = $1"};

#undef CREDSVC_DOMAIN_COLUMNS

std::optional<PemPair> pem_pair(const pqxx::field& chain, const pqxx::field& key) {
  if (chain.is_null() || key.is_null()) return std::nullopt;
  return PemPair{chain.as<std::string>(), key.as<std::string>()};
}

Domain domain_from_row(const pqxx::row& row) {
  Domain d;
  d.name = row[0].as<std::string>();
  d.realm = row[1].as<std::string>();
  d.tls = pem_pair(row[2], row[3]);
  d.identity = pem_pair(row[4], row[5]);
  d.identity_alg = row[6].as<std::string>();
  d.created_at = detail::time_field(row[7]);
  d.updated_at = detail::time_field(row[8]);
  return d;
}

std::optional<std::string> chain_of(const std::optional<PemPair>& p) {
  return p ? std::optional(p->chain_pem) : std::nullopt;
}
std::optional<std::string> key_of(const std::optional<PemPair>& p) {
  return p ? std::optional(p->key_pem) : std::nullopt;
}

void check_pair(const std::optional<PemPair>& p, const char* what) {
  if (p && (p->chain_pem.empty() || p->key_pem.empty())) {
    throw InvalidArgument(std::string("domain: ") + what + " certificate chain and key must both be given");
  }
}

}  // namespace

Domain add_domain(pqxx::transaction_base& tx, const Domain& domain, const std::string& actor) {
  const std::string name = detail::lower_ascii(domain.name);
  if (name.empty()) throw InvalidArgument("domain: name is empty");
  check_pair(domain.tls, "TLS");
  check_pair(domain.identity, "identity");
  const auto r = detail::exec(tx, insert_domain, name, domain.realm.empty() ? name : domain.realm,
                              chain_of(domain.tls), key_of(domain.tls), chain_of(domain.identity),
                              key_of(domain.identity), domain.identity_alg);
  if (r.empty()) throw Conflict("domain " + name + " already exists");
  Domain added = domain_from_row(r[0]);
  detail::audit(tx, actor, "domain.add", std::nullopt, name,
                {{"realm", added.realm}, {"tls", added.tls.has_value()}, {"identity", added.identity.has_value()}});
  return added;
}

std::optional<Domain> get_domain(pqxx::transaction_base& tx, const std::string& name) {
  const auto r = detail::exec(tx, select_domain, detail::lower_ascii(name));
  if (r.empty()) return std::nullopt;
  return domain_from_row(r[0]);
}

std::vector<Domain> list_domains(pqxx::transaction_base& tx) {
  const auto r = detail::exec(tx, select_domains);
  std::vector<Domain> out;
  out.reserve(r.size());
  for (const auto& row : r) out.push_back(domain_from_row(row));
  return out;
}

Domain update_domain_certs(pqxx::transaction_base& tx, const std::string& name, const DomainCertUpdate& update,
                           const std::string& actor) {
  const std::string lname = detail::lower_ascii(name);
  check_pair(update.tls, "TLS");
  check_pair(update.identity, "identity");
  const auto r = detail::exec(tx, update_certs, lname, chain_of(update.tls), key_of(update.tls),
                              chain_of(update.identity), key_of(update.identity), update.identity_alg);
  if (r.empty()) throw NotFound("domain " + lname + " does not exist");
  boost::json::object changes{{"tls", update.tls.has_value()}, {"identity", update.identity.has_value()}};
  if (update.identity_alg) changes["identity_alg"] = *update.identity_alg;
  detail::audit(tx, actor, "domain.update", std::nullopt, lname, changes);
  return domain_from_row(r[0]);
}

void remove_domain(pqxx::transaction_base& tx, const std::string& name, bool force, const std::string& actor) {
  const std::string lname = detail::lower_ascii(name);
  // Row lock: a concurrent add_user (its foreign-key check) waits for us.
  if (detail::exec(tx, lock_domain, lname).empty()) throw NotFound("domain " + lname + " does not exist");
  const auto users = detail::exec(tx, count_domain_users, lname).at(0).at(0).as<std::int64_t>();
  if (users > 0 && !force) {
    throw Conflict("domain " + lname + " still has " + std::to_string(users) + " user(s)");
  }
  if (users > 0) detail::exec(tx, delete_domain_users, lname);
  detail::exec(tx, delete_domain, lname);
  detail::audit(tx, actor, "domain.remove", std::nullopt, lname, {{"users_removed", users}});
}

}  // namespace credsvc::db
