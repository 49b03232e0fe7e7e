#pragma once
// What `credsvc fetch --credential` writes for the application/pkcs8 part of
// a credential NOTIFY (RFC 6072 §8.2): the key as PKCS#8 PEM, decrypted with
// the user's passphrase when it is PBES2-encrypted, and checked against the
// certificate it came with. No I/O.

#include <optional>
#include <string>

#include "certs/bytes.hpp"
#include "certs/certificate.hpp"

namespace credsvc::ua {

struct KeyPem {
  std::string pem;         // "PRIVATE KEY" or, kept encrypted, "ENCRYPTED PRIVATE KEY"
  bool encrypted = false;
};

// Throws std::runtime_error naming the fault: not PKCS#8; encrypted without a
// passphrase (unless keep_encrypted: then written as received, unchecked);
// wrong passphrase; a key that is not the certificate's. Messages never
// carry key material or the passphrase.
KeyPem received_key_pem(const certs::Bytes& pkcs8_der, const certs::Certificate& certificate,
                        const std::optional<std::string>& passphrase, bool keep_encrypted);

}  // namespace credsvc::ua
