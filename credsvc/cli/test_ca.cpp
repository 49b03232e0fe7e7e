#include "cli/test_ca.hpp"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "certs/issue_certificate.hpp"

namespace credsvc::cli {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const fs::path& p, const std::string& text, mode_t mode) {
  const fs::path tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
    ::chmod(tmp.c_str(), mode);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) throw std::runtime_error("cannot write " + p.string() + ": " + ec.message());
}

db::PemPair issue_leaf(const certs::Certificate& ca, const certs::PrivateKey& ca_key, const std::string& name,
                       certs::KeyAlgorithm algorithm, std::vector<std::string> dns) {
  const auto key = certs::PrivateKey::generate(algorithm);
  certs::IssueRequest req;
  req.common_name = name;
  req.san_dns = std::move(dns);
  req.not_before = std::chrono::system_clock::now() - 1h;
  req.not_after = std::chrono::system_clock::now() + 24h * 365;
  req.extended_key_usage = std::vector<std::string>{"serverAuth", "clientAuth"};
  const auto cert = certs::issue_certificate(req, key, &ca, ca_key);
  return db::PemPair{cert.to_pem() + ca.to_pem(), key.to_pkcs8_pem()};
}

}  // namespace

TestCa TestCa::load_or_create(const fs::path& dir) {
  const fs::path cert_file = dir / "ca.pem";
  const fs::path key_file = dir / "ca.key";
  const bool have_cert = fs::exists(cert_file);
  const bool have_key = fs::exists(key_file);
  if (have_cert && have_key) {
    auto cert = certs::Certificate::from_pem(read_text(cert_file));
    auto key = certs::PrivateKey::from_pkcs8_pem(read_text(key_file));
    if (!key.matches(cert)) throw std::runtime_error(key_file.string() + " does not match " + cert_file.string());
    return TestCa(std::move(cert), std::move(key), cert_file);
  }
  if (have_cert || have_key) {
    throw std::runtime_error("test CA in " + dir.string() + " is incomplete: need both ca.pem and ca.key");
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  auto key = certs::PrivateKey::generate(certs::KeyAlgorithm::ec_p256);
  certs::IssueRequest req;
  req.common_name = "credsvc test CA";
  req.is_ca = true;
  req.not_before = std::chrono::system_clock::now() - 1h;
  req.not_after = std::chrono::system_clock::now() + 24h * 3650;
  auto cert = certs::issue_certificate(req, key, nullptr, key);
  write_text(key_file, key.to_pkcs8_pem(), 0600);
  write_text(cert_file, cert.to_pem(), 0644);
  return TestCa(std::move(cert), std::move(key), cert_file);
}

db::Domain TestCa::issue_domain(const std::string& name) const {
  db::Domain d;
  d.name = name;
  d.realm = name;
  d.tls = issue_leaf(cert_, key_, name, certs::KeyAlgorithm::ec_p256, {name, "localhost"});
  d.identity = issue_leaf(cert_, key_, name, certs::KeyAlgorithm::rsa2048, {name});
  d.identity_alg = "rsa-sha256";
  return d;
}

}  // namespace credsvc::cli
