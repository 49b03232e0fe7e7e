// The local test CA of a development installation: made once under the data
// directory, it issues the demo domain's TLS and identity certificates (and,
// on request, those of domains added without certificates). Never for
// production: its key sits on disk unencrypted, mode 0600.
#pragma once

#include <filesystem>
#include <string>

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"
#include "db/records.hpp"

namespace credsvc::cli {

class TestCa {
 public:
  // Loads DIR/ca.pem and DIR/ca.key, or creates both (fresh P-256 key, 10
  // years) when neither exists. Throws std::runtime_error naming the file.
  static TestCa load_or_create(const std::filesystem::path& dir);

  const certs::Certificate& certificate() const { return cert_; }
  const std::filesystem::path& certificate_file() const { return cert_file_; }

  // A domain record with a TLS certificate (P-256, SAN DNS:name and
  // DNS:localhost, serverAuth+clientAuth) and an identity certificate
  // (RSA-2048 as RFC 4474 rsa-sha256 needs, SAN DNS:name), both one year,
  // chains ending with this CA.
  db::Domain issue_domain(const std::string& name) const;

 private:
  TestCa(certs::Certificate cert, certs::PrivateKey key, std::filesystem::path cert_file)
      : cert_(std::move(cert)), key_(std::move(key)), cert_file_(std::move(cert_file)) {}

  certs::Certificate cert_;
  certs::PrivateKey key_;
  std::filesystem::path cert_file_;
};

}  // namespace credsvc::cli
