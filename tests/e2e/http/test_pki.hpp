// Certificates made at test time: a CA, and domain records whose TLS and
// identity certificates it issues (EC P-256, quick to make).
#pragma once

#include <chrono>
#include <string>

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"
#include "db/records.hpp"

namespace credsvc::testing {

class TestPki {
 public:
  explicit TestPki(const std::string& ca_name = "credsvc http test CA");

  std::string ca_pem() const { return ca_.to_pem(); }
  const certs::Certificate& ca() const { return ca_; }

  // TLS certificate: SAN DNS:name and DNS:localhost. Identity certificate:
  // SAN DNS:name, valid for `identity_lifetime` from now.
  db::Domain domain(const std::string& name,
                    std::chrono::seconds identity_lifetime = std::chrono::hours(24 * 365)) const;

 private:
  db::PemPair issue(const std::string& name, std::vector<std::string> dns, std::chrono::seconds lifetime) const;

  certs::PrivateKey key_;
  certs::Certificate ca_;
};

}  // namespace credsvc::testing
