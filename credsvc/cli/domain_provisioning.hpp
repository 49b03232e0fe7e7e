// Domain records from files given by an administrator, or issued by the local
// test CA for development.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "db/records.hpp"

namespace credsvc::cli {

struct CertKeyFiles {
  std::filesystem::path cert;  // PEM chain, leaf first
  std::filesystem::path key;   // PKCS#8 PEM
};

// Reads a chain and its key, checks that the key matches the leaf and, for
// an identity key, that it can sign rsa-sha256 (RSA ≥ 2048). Throws
// std::runtime_error naming the file and the fault.
db::PemPair load_cert_and_key(const CertKeyFiles& files, bool identity);

// Lower-cases and checks a domain name (letters, digits, '-', '.'); throws
// std::invalid_argument naming the fault.
std::string normalise_domain_name(const std::string& name);

}  // namespace credsvc::cli
