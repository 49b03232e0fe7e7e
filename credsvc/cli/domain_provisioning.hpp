// Domain records from files given by an administrator (the checks are
// http/new_domain.hpp's, shared with the HTTPS admin API).
#pragma once

#include <filesystem>
#include <string>

#include "certs/certified_key.hpp"
#include "db/records.hpp"
#include "http/admin_names.hpp"

namespace credsvc::cli {

struct CertKeyFiles {
  std::filesystem::path cert;  // PEM chain, leaf first
  std::filesystem::path key;   // PKCS#8 PEM
};

// Reads a chain and its key and checks them (certs::check_certified_key).
// Throws std::runtime_error naming the file and the fault.
db::PemPair load_cert_and_key(const CertKeyFiles& files, certs::CertifiedKeyUse use);

// Lower-cases and checks a domain name; throws std::invalid_argument.
using http::normalise_domain_name;

}  // namespace credsvc::cli
