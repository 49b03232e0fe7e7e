#include "cli/domain_provisioning.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "certs/certificate.hpp"
#include "certs/error.hpp"
#include "certs/private_key.hpp"

namespace credsvc::cli {

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string() + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

db::PemPair load_cert_and_key(const CertKeyFiles& files, bool identity) {
  const std::string chain_pem = read_file(files.cert);
  const std::string key_pem = read_file(files.key);
  std::vector<certs::Certificate> chain;
  try {
    chain = certs::Certificate::chain_from_pem(chain_pem);
  } catch (const certs::Error& e) {
    throw std::runtime_error(files.cert.string() + ": " + e.what());
  }
  certs::PrivateKey key = [&] {
    try {
      return certs::PrivateKey::from_pkcs8_pem(key_pem);
    } catch (const certs::Error& e) {
      throw std::runtime_error(files.key.string() + ": " + e.what());
    }
  }();
  if (!key.matches(chain.front())) {
    throw std::runtime_error(files.key.string() + ": private key does not match the certificate in " +
                             files.cert.string());
  }
  if (identity) {
    const auto info = key.key_info();
    if (info.type != certs::KeyType::rsa || info.bits < 2048) {
      throw std::runtime_error(files.key.string() + ": identity key must be RSA of at least 2048 bits (rsa-sha256)");
    }
  }
  // Store normalised PEM, not whatever surrounded it in the files.
  return db::PemPair{certs::Certificate::chain_to_pem(chain), key.to_pkcs8_pem()};
}

std::string normalise_domain_name(const std::string& name) {
  std::string out = name;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool valid = !out.empty() && out.size() <= 253 && out.front() != '.' && out.back() != '.' &&
                     out.front() != '-' && out.find("..") == std::string::npos &&
                     std::all_of(out.begin(), out.end(), [](unsigned char c) {
                       return std::isalnum(c) != 0 || c == '-' || c == '.';
                     });
  if (!valid) throw std::invalid_argument("'" + name + "' is not a valid domain name");
  return out;
}

}  // namespace credsvc::cli
