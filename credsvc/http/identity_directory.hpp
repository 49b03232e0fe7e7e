// The identity certificates the HTTPS server publishes, by domain: what an
// Identity-Info (RFC 4474 §6.1) or info/x5u (RFC 8224 §4.1) URL of ours
// points at. Built from the domain records and replaced whole on reload;
// lookups are thread-safe and lock-free after a pointer copy.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "certs/bytes.hpp"
#include "db/records.hpp"

namespace credsvc::http {

struct IdentityDocument {
  std::string domain;
  certs::Bytes leaf_der;         // the identity certificate
  std::string chain_pem;         // leaf first, re-encoded (nothing but certificates)
  std::string leaf_fingerprint;  // SHA-256 of leaf_der, lower-case hex
  std::chrono::system_clock::time_point leaf_not_after;
  std::chrono::system_clock::time_point chain_not_after;  // the earliest in the chain
};

class IdentityDirectory {
 public:
  // Domains without an identity certificate are left out; one whose identity
  // chain does not parse is left out and logged. Returns the names published.
  std::vector<std::string> update(const std::vector<db::Domain>& domains);
  // `domain` must already be lower case; null when not published.
  std::shared_ptr<const IdentityDocument> find(std::string_view domain) const;

 private:
  using Map = std::map<std::string, std::shared_ptr<const IdentityDocument>, std::less<>>;
  mutable std::mutex mutex_;
  std::shared_ptr<const Map> documents_ = std::make_shared<Map>();
};

}  // namespace credsvc::http
