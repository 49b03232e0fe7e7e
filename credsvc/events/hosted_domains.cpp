#include "events/hosted_domains.hpp"

#include <stdexcept>

#include "certs/error.hpp"
#include "certs/pkcs8_key.hpp"

namespace credsvc::events {

void HostedDomains::update(const std::vector<db::Domain>& domains) {
  std::map<std::string, std::shared_ptr<const HostedDomain>> fresh;
  for (const auto& d : domains) {
    auto hosted = std::make_shared<HostedDomain>();
    hosted->name = d.name;
    hosted->realm = d.realm.empty() ? d.name : d.realm;
    if (d.identity) {
      const auto alg = identity::parse_rfc4474_algorithm(d.identity_alg);
      if (!alg) throw std::runtime_error("domain " + d.name + ": unknown identity algorithm '" + d.identity_alg + "'");
      try {
        hosted->signer = std::make_shared<identity::Rfc4474Signer>(
            certs::PrivateKey::from_pkcs8_pem(d.identity->key_pem), info_url_(d.name), *alg);
      } catch (const certs::Error& e) {
        throw std::runtime_error("domain " + d.name + ": identity key unusable: " + e.what());
      } catch (const std::invalid_argument& e) {
        throw std::runtime_error("domain " + d.name + ": identity key unusable: " + e.what());
      }
    }
    fresh[d.name] = std::move(hosted);
  }
  std::lock_guard lock(mutex_);
  domains_ = std::move(fresh);
}

std::shared_ptr<const HostedDomain> HostedDomains::find(const std::string& name) const {
  std::lock_guard lock(mutex_);
  const auto it = domains_.find(name);
  return it == domains_.end() ? nullptr : it->second;
}

}  // namespace credsvc::events
