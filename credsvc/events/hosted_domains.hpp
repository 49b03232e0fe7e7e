// The domains this server answers for, each with its Digest realm and its
// authentication service (the RFC 4474 signer of its NOTIFYs). Replaced as a
// whole when the domains change; readers hold a snapshot.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/records.hpp"
#include "identity/rfc4474_signer.hpp"

namespace credsvc::events {

struct HostedDomain {
  std::string name;
  std::string realm;
  std::shared_ptr<const identity::Rfc4474Signer> signer;  // null: the domain has no identity certificate
};

class HostedDomains {
 public:
  // The https URL of a domain's identity certificate (Identity-Info).
  using InfoUrl = std::function<std::string(const std::string& domain)>;

  explicit HostedDomains(InfoUrl info_url) : info_url_(std::move(info_url)) {}

  // Throws std::runtime_error naming the domain whose identity key is unusable.
  void update(const std::vector<db::Domain>& domains);
  // nullptr when the domain is not hosted here.
  std::shared_ptr<const HostedDomain> find(const std::string& name) const;

 private:
  InfoUrl info_url_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const HostedDomain>> domains_;
};

}  // namespace credsvc::events
