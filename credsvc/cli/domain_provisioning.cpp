#include "cli/domain_provisioning.hpp"

#include <stdexcept>

#include "certs/file_io.hpp"
#include "http/new_domain.hpp"

namespace credsvc::cli {

db::PemPair load_cert_and_key(const CertKeyFiles& files, certs::CertifiedKeyUse use) {
  // certs::Error("cannot read FILE: ...") names the file.
  const std::string chain_pem = certs::read_text_file(files.cert);
  const std::string key_pem = certs::read_text_file(files.key);
  try {
    return http::checked_pem_pair(chain_pem, key_pem, use);
  } catch (const certs::CertifiedKeyError& e) {
    switch (e.fault()) {
      case certs::CertifiedKeyFault::certificate:
        throw std::runtime_error(files.cert.string() + ": " + e.what());
      case certs::CertifiedKeyFault::mismatch:
        throw std::runtime_error(files.key.string() + ": private key does not match the certificate in " +
                                 files.cert.string());
      case certs::CertifiedKeyFault::key:
      case certs::CertifiedKeyFault::identity_key:
        break;
    }
    throw std::runtime_error(files.key.string() + ": " + e.what());
  }
}

}  // namespace credsvc::cli
