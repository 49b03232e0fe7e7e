// Domains served by credsvc: Digest realm, TLS and identity certificates.
// Functions run inside the caller's transaction; mutations write an audit
// entry in it. Names are compared in lower case.
#pragma once

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "db/records.hpp"

namespace credsvc::db {

// What update_domain_certs replaces; absent members are kept.
struct DomainCertUpdate {
  std::optional<PemPair> tls;
  std::optional<PemPair> identity;
  std::optional<std::string> identity_alg;
};

// Throws Conflict if the domain exists.
Domain add_domain(pqxx::transaction_base& tx, const Domain& domain, const std::string& actor);
std::optional<Domain> get_domain(pqxx::transaction_base& tx, const std::string& name);
std::vector<Domain> list_domains(pqxx::transaction_base& tx);
// Throws NotFound if the domain does not exist.
Domain update_domain_certs(pqxx::transaction_base& tx, const std::string& name, const DomainCertUpdate& update,
                           const std::string& actor);
// Throws NotFound if the domain does not exist, Conflict if it still has
// users and !force; with force its users (and their credentials) go too.
void remove_domain(pqxx::transaction_base& tx, const std::string& name, bool force, const std::string& actor);

}  // namespace credsvc::db
