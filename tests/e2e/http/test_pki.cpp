#include "test_pki.hpp"

#include "certs/issue_certificate.hpp"

namespace credsvc::testing {
using namespace std::chrono_literals;

namespace {

certs::Certificate make_ca(const std::string& name, const certs::PrivateKey& key) {
  certs::IssueRequest req;
  req.common_name = name;
  req.is_ca = true;
  req.not_before = std::chrono::system_clock::now() - 1h;
  req.not_after = std::chrono::system_clock::now() + 24h * 30;
  return certs::issue_certificate(req, key, nullptr, key);
}

}  // namespace

TestPki::TestPki(const std::string& ca_name)
    : key_(certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256)), ca_(make_ca(ca_name, key_)) {}

db::PemPair TestPki::issue(const std::string& name, std::vector<std::string> dns, std::chrono::seconds lifetime) const {
  const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest req;
  req.common_name = name;
  req.san_dns = std::move(dns);
  req.not_before = std::chrono::system_clock::now() - 1h;
  req.not_after = std::chrono::system_clock::now() + lifetime;
  req.extended_key_usage = std::vector<std::string>{"serverAuth", "clientAuth"};
  const auto cert = certs::issue_certificate(req, key, &ca_, key_);
  return db::PemPair{cert.to_pem() + ca_.to_pem(), key.to_pkcs8_pem()};
}

db::Domain TestPki::domain(const std::string& name, std::chrono::seconds identity_lifetime) const {
  db::Domain d;
  d.name = name;
  d.realm = name;
  d.tls = issue(name, {name, "localhost"}, 24h * 30);
  d.identity = issue(name, {name}, identity_lifetime);
  return d;
}

}  // namespace credsvc::testing
