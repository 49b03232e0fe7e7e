#include "http/new_domain.hpp"

namespace credsvc::http {

db::Domain domain_record(NewDomain request, const TestCaIssuer& issuer) {
  db::Domain d;
  if (!request.tls || !request.identity) {
    if (!issuer) throw TestCaUnavailable("no local test CA to issue the missing certificates of " + request.name);
    d = issuer(request.name);
  }
  d.name = request.name;
  d.realm = request.realm.empty() ? request.name : request.realm;
  if (request.tls) d.tls = std::move(request.tls);
  if (request.identity) d.identity = std::move(request.identity);
  return d;
}

db::PemPair checked_pem_pair(std::string_view chain_pem, std::string_view key_pem, certs::CertifiedKeyUse use) {
  auto checked = certs::check_certified_key(chain_pem, key_pem, use);
  return db::PemPair{std::move(checked.chain_pem), std::move(checked.key_pem)};
}

}  // namespace credsvc::http
