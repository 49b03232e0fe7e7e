#include "http/identity_directory.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "certs/certificate.hpp"

namespace credsvc::http {

std::vector<std::string> IdentityDirectory::update(const std::vector<db::Domain>& domains) {
  auto fresh = std::make_shared<Map>();
  std::vector<std::string> published;
  for (const auto& d : domains) {
    if (!d.identity) continue;
    try {
      const auto chain = certs::Certificate::chain_from_pem(d.identity->chain_pem);
      if (chain.empty()) throw std::runtime_error("no certificate in the identity chain");
      auto doc = std::make_shared<IdentityDocument>();
      doc->domain = d.name;
      doc->leaf_der = chain.front().to_der();
      doc->chain_pem = certs::Certificate::chain_to_pem(chain);
      doc->leaf_fingerprint = chain.front().fingerprint_sha256();
      doc->leaf_not_after = chain.front().not_after();
      doc->chain_not_after = doc->leaf_not_after;
      for (const auto& c : chain) doc->chain_not_after = std::min(doc->chain_not_after, c.not_after());
      (*fresh)[d.name] = std::move(doc);
      published.push_back(d.name);
    } catch (const std::exception& e) {
      spdlog::warn("identity certificate of {} is not published: {}", d.name, e.what());
    }
  }
  std::lock_guard lock(mutex_);
  documents_ = std::move(fresh);
  return published;
}

std::shared_ptr<const IdentityDocument> IdentityDirectory::find(std::string_view domain) const {
  std::shared_ptr<const Map> documents;
  {
    std::lock_guard lock(mutex_);
    documents = documents_;
  }
  const auto it = documents->find(domain);
  return it != documents->end() ? it->second : nullptr;
}

}  // namespace credsvc::http
