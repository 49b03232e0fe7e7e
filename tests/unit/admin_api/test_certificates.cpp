#include "test_certificates.hpp"

#include <chrono>

#include "certs/issue_certificate.hpp"

namespace credsvc::testing::admin {
using namespace std::chrono_literals;

namespace {

struct Ca {
  certs::PrivateKey key;
  certs::Certificate cert;
};

const Ca& test_ca() {
  static const Ca ca = [] {
    auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
    certs::IssueRequest req;
    req.common_name = "admin API unit test CA";
    req.is_ca = true;
    req.not_before = std::chrono::system_clock::now() - 1h;
    req.not_after = std::chrono::system_clock::now() + 24h;
    auto cert = certs::issue_certificate(req, key, nullptr, key);
    return Ca{std::move(key), std::move(cert)};
  }();
  return ca;
}

}  // namespace

Issued issue_leaf(const std::string& name, const certs::PrivateKey& key) {
  certs::IssueRequest req;
  req.common_name = name;
  req.san_dns = {name};
  req.not_before = std::chrono::system_clock::now() - 1h;
  req.not_after = std::chrono::system_clock::now() + 24h;
  auto cert = certs::issue_certificate(req, key, &test_ca().cert, test_ca().key);
  return Issued{key, cert, cert.to_pem() + test_ca().cert.to_pem(), key.to_pkcs8_pem()};
}

const certs::PrivateKey& p256_key() {
  static const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  return key;
}
const certs::PrivateKey& other_p256_key() {
  static const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  return key;
}
const certs::PrivateKey& rsa2048_key() {
  static const auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::rsa2048);
  return key;
}
const certs::PrivateKey& rsa1024_key() {
  static const auto key = certs::PrivateKey::generate_rsa(1024);
  return key;
}

}  // namespace credsvc::testing::admin
