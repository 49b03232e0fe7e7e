#include "ua/received_key.hpp"

#include <stdexcept>

#include "certs/error.hpp"
#include "certs/pkcs8_key.hpp"
#include "identity/base64.hpp"

namespace credsvc::ua {
namespace {

// RFC 7468 §11: base64 in 64-character lines.
std::string pem_block(std::string_view label, const certs::Bytes& der) {
  const std::string b64 = identity::base64_encode(der);
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  out += "-----END " + std::string(label) + "-----\n";
  return out;
}

}  // namespace

KeyPem received_key_pem(const certs::Bytes& pkcs8_der, const certs::Certificate& certificate,
                        const std::optional<std::string>& passphrase, bool keep_encrypted) {
  const certs::Pkcs8Kind kind = certs::classify_pkcs8(pkcs8_der);
  if (kind == certs::Pkcs8Kind::not_pkcs8) throw std::runtime_error("the stored private key is not PKCS#8");
  if (kind == certs::Pkcs8Kind::encrypted && !passphrase) {
    if (keep_encrypted) return KeyPem{pem_block("ENCRYPTED PRIVATE KEY", pkcs8_der), true};
    throw std::runtime_error(
        "the stored private key is encrypted: give its passphrase with --passphrase-stdin "
        "(or --keep-encrypted to write it encrypted)");
  }
  try {
    const certs::PrivateKey key = kind == certs::Pkcs8Kind::encrypted
                                      ? certs::PrivateKey::from_encrypted_pkcs8_der(pkcs8_der, *passphrase)
                                      : certs::PrivateKey::from_pkcs8_der(pkcs8_der);
    if (!key.matches(certificate)) throw std::runtime_error("the stored private key does not match the certificate");
    return KeyPem{key.to_pkcs8_pem(), false};
  } catch (const certs::Error& e) {
    throw std::runtime_error(std::string("stored ") + e.what());
  }
}

}  // namespace credsvc::ua
